namespace GridTokenX.Silo;

/// <summary>The silo's internal HTTP port: health, metrics and the dashboard.</summary>
public static class SiloHealth
{
    public const string DefaultUrl = "http://127.0.0.1:5090";
}
