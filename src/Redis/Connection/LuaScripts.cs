using System.Collections.Concurrent;
using System.Reflection;

namespace GridTokenX.Redis.Connection;

/// <summary>
/// Lua scripts ship as embedded resources beside the code that runs them. StackExchange.Redis caches each script's
/// SHA1 and sends EVALSHA, falling back to EVAL once when a server has not seen the script yet.
/// </summary>
public static class LuaScripts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Load(Type owner, string fileName)
    {
        var assembly = owner.Assembly;
        return Cache.GetOrAdd(assembly.GetName().Name + "/" + fileName, _ => Read(assembly, fileName));
    }

    private static string Read(Assembly assembly, string fileName)
    {
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Lua script '{fileName}' is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
