using System.Collections;
using System.Reflection;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Hosting;
using GridTokenX.Redis.Streaming;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace GridTokenX.Architecture.Tests.Deployment;

/// <summary>
/// Whether a setting (an environment variable such as <c>GridTokenX__Redis__LockEndpoints__0</c>) names a property the
/// hosts bind: every options class that declares its <c>Section</c>, plus the few sections bound to classes without one.
/// The walk follows the configuration binder's rules (names case-insensitive, <see cref="ConfigurationKeyNameAttribute"/>,
/// list indexes, dictionary keys), so a misspelt key, which the binder would silently ignore, is found.
/// </summary>
public static class SettingKeys
{
    /// <summary>Sections bound to a class that does not declare the section itself.</summary>
    private static readonly (string Section, Type Type)[] Unlabelled =
    [
        ("GridTokenX", typeof(MarketsOptions)),
        (GridTokenXSiloBuilderExtensions.StreamsSection, typeof(RedisStreamOptions)),
        ("GridTokenX:Silo:Membership", typeof(ClusterMembershipOptions)),
        ("GridTokenX:Client", typeof(ClientMessagingOptions)),
    ];

    /// <summary>ASP.NET Core's own settings the deployments may use.</summary>
    private static readonly string[] AspNetCore = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT"];

    private static readonly Lazy<(string Section, Type Type)[]> Sections = new(Discover);

    /// <summary>True if this setting reaches a bound property; settings of other prefixes are not ours to judge.</summary>
    public static bool IsKnown(string environmentVariable)
    {
        if (environmentVariable.StartsWith("ASPNETCORE_", StringComparison.Ordinal)) return AspNetCore.Contains(environmentVariable);
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        var segments = key.Split(':');
        foreach (var (section, type) in Sections.Value)
        {
            var prefix = section.Split(':');
            if (segments.Length > prefix.Length && prefix.SequenceEqual(segments[..prefix.Length], StringComparer.OrdinalIgnoreCase)
                && Reaches(type, segments[prefix.Length..]))
                return true;
        }

        return false;
    }

    /// <summary>Is this one of ours (and so must be known)?</summary>
    public static bool IsOurs(string environmentVariable) =>
        environmentVariable.StartsWith("GridTokenX__", StringComparison.Ordinal) || environmentVariable.StartsWith("Auth__", StringComparison.Ordinal)
        || environmentVariable.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    private static bool Reaches(Type type, string[] path)
    {
        if (path.Length == 0) return IsScalar(type);
        if (IsScalar(type)) return false;
        if (DictionaryValue(type) is { } value) return Reaches(value, path[1..]);
        if (ElementOf(type) is { } element) return int.TryParse(path[0], out var index) && index >= 0 && Reaches(element, path[1..]);
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p =>
            string.Equals(p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name, path[0], StringComparison.OrdinalIgnoreCase));
        if (property is null || property.GetIndexParameters().Length > 0) return false;
        // A scalar needs a setter; a collection or nested object may be filled through its getter.
        if (IsScalar(property.PropertyType) && property.SetMethod?.IsPublic != true) return false;
        return Reaches(property.PropertyType, path[1..]);
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);
    }

    private static Type? DictionaryValue(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } d && d.GetGenericArguments()[0] == typeof(string) ? d.GetGenericArguments()[1]
        : GenericInterface(type, typeof(IReadOnlyDictionary<,>)) is { } r && r.GetGenericArguments()[0] == typeof(string) ? r.GetGenericArguments()[1]
        : null;

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && GenericInterface(type, typeof(IEnumerable<>)) is { } e ? e.GetGenericArguments()[0]
        : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    /// <summary>Every options class of every GridTokenX assembly beside the tests (a new project's are found too).</summary>
    private static (string Section, Type Type)[] Discover()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "GridTokenX.*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal))
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)));
        var labelled = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string) && x.Type.IsClass && !x.Type.IsAbstract)
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type));
        return [.. labelled, .. Unlabelled];
    }
}
