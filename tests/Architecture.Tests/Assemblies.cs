using System.Reflection;

namespace GridTokenX.Architecture.Tests;

/// <summary>The production assemblies, by the names DESIGN.md's project table uses.</summary>
public static class Assemblies
{
    public static readonly Assembly Abstractions = typeof(Grains.Abstractions.Trading.IOrderBookGrain).Assembly;
    public static readonly Assembly Redis = typeof(Redis.Connection.RedisOptions).Assembly;
    public static readonly Assembly Grains = typeof(Grains.Hosting.SiloSettings).Assembly;
    public static readonly Assembly Hosting = typeof(Hosting.HostStartup).Assembly;
    public static readonly Assembly Silo = typeof(Silo.SiloDefaults).Assembly;
    public static readonly Assembly ApiHost = typeof(ApiHost.Hosting.ApiApplication).Assembly;
    public static readonly Assembly ReadModel = typeof(ReadModel.IReadModelWriter).Assembly;

    public static readonly Assembly[] All = [Abstractions, Redis, Grains, Hosting, Silo, ApiHost, ReadModel];

    /// <summary>The namespaces an assembly declares types in (its own, not Orleans' generated code's).</summary>
    public static string[] OwnNamespaces(Assembly assembly) =>
        [.. assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("GridTokenX.", StringComparison.Ordinal)).Distinct().Order()];
}
