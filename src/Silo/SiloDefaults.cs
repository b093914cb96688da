namespace GridTokenX.Silo;

/// <summary>Where the silo serves its internal HTTP port (health, metrics, the dashboard) unless ASPNETCORE_URLS says otherwise.</summary>
public static class SiloDefaults
{
    public const string DefaultUrl = "http://127.0.0.1:5090";
}
