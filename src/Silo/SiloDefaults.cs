namespace GridTokenX.Silo;

/// <summary>Where the silo serves its internal HTTP port (health, metrics, the dashboard) unless ASPNETCORE_URLS says otherwise.</summary>
public static class SiloDefaults
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>
    /// How long a stopping silo may take to deactivate its grains and leave the cluster. Deployments give the process
    /// longer than this before they kill it (deploy/kubernetes/silo.yaml, docker-compose.yml; a test checks both).
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);
}
