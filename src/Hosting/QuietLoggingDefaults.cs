using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace GridTokenX.Hosting;

/// <summary>
/// Orleans and ASP.NET log every option at start-up; by default keep them to warnings so the process's own
/// messages stand out. Inserted as the lowest-priority source, so <c>Logging__LogLevel__Orleans=Information</c> wins.
/// </summary>
public static class QuietLoggingDefaults
{
    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
                // FusionCache logs every set at Information; the warmers set entries every few seconds.
                ["Logging:LogLevel:ZiggyCreatures.Caching.Fusion"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            },
        });
}
