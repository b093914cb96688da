using YamlDotNet.RepresentationModel;

namespace GridTokenX.Architecture.Tests.Deployment;

/// <summary>
/// YAML documents as plain trees (mappings as dictionaries, sequences as lists, scalars as strings), with anchors,
/// aliases and merge keys (<c>&lt;&lt;: *x</c>, as docker-compose.yml uses them) resolved.
/// </summary>
public static class Yaml
{
    /// <summary>Every document of a file; a file that is not YAML throws.</summary>
    public static List<Dictionary<string, object?>> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).Select(Tree).OfType<Dictionary<string, object?>>()];
    }

    public static Dictionary<string, object?> Map(this object? node, string key) =>
        node is Dictionary<string, object?> map && map.TryGetValue(key, out var value) && value is Dictionary<string, object?> child ? child : [];

    public static List<object?> Seq(this object? node, string key) =>
        node is Dictionary<string, object?> map && map.TryGetValue(key, out var value) && value is List<object?> list ? list : [];

    public static string? Str(this object? node, string key) =>
        node is Dictionary<string, object?> map && map.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>The mapping at a path of keys (empty when any step is missing).</summary>
    public static Dictionary<string, object?> At(this object? node, params string[] path) =>
        path.Aggregate(node, (current, key) => current.Map(key)) as Dictionary<string, object?> ?? [];

    private static object? Tree(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Tree).ToList(),
        YamlMappingNode mapping => Mapping(mapping),
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static Dictionary<string, object?> Mapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Merged keys first, so that the mapping's own keys win, as YAML's merge key specifies.
        foreach (var (key, value) in mapping.Children.Where(c => IsMerge(c.Key)))
        {
            foreach (var (k, v) in (Dictionary<string, object?>)Tree(value)!) result[k] = v;
        }

        foreach (var (key, value) in mapping.Children.Where(c => !IsMerge(c.Key))) result[((YamlScalarNode)key).Value!] = Tree(value);
        return result;
    }

    private static bool IsMerge(YamlNode key) => key is YamlScalarNode { Value: "<<" };
}
