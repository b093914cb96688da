using System.Reflection;

namespace GridTokenX.Architecture.Tests;

/// <summary>
/// Orleans' serializer records type names where a field's runtime type is not its declared type (commands in a journal
/// batch, event payloads on the streams), and grain calls carry interface and method ids. With an <c>[Alias]</c> on
/// every serializable type and grain interface (and its methods) and a <c>[GrainType]</c> on every grain (which also
/// keys its grain state), a rename or a move changes none of that. Grain state itself is JSON with .NET type names
/// (Orleans' Redis storage), which aliases do not cover: the compatibility test in Grains.Tests guards it.
/// </summary>
public sealed class StoredTypeAliasTests
{
    private static IEnumerable<Type> OurTypes => Assemblies.All.SelectMany(a => a.GetTypes())
        .Where(t => t.Namespace?.StartsWith("GridTokenX.", StringComparison.Ordinal) == true);

    [Fact]
    public void Every_serializable_type_has_an_alias()
    {
        var serializable = OurTypes.Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), inherit: false)).ToList();

        Assert.NotEmpty(serializable);
        Assert.Empty(serializable.Where(t => !t.IsDefined(typeof(AliasAttribute), inherit: false)).Select(t => t.FullName));
    }

    [Fact]
    public void Every_grain_interface_and_method_has_an_alias_and_every_grain_a_fixed_type_name()
    {
        var interfaces = OurTypes.Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)).ToList();
        var grains = OurTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(interfaces);
        Assert.NotEmpty(grains);
        Assert.Empty(interfaces.Where(t => !t.IsDefined(typeof(AliasAttribute), inherit: false)).Select(t => t.FullName));
        Assert.Empty(interfaces.SelectMany(t => t.GetMethods()).Where(m => !m.IsDefined(typeof(AliasAttribute), inherit: false))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}"));
        Assert.Empty(grains.Where(t => !t.IsDefined(typeof(GrainTypeAttribute), inherit: false)).Select(t => t.FullName));
    }

    [Fact]
    public void Aliases_are_unique()
    {
        var duplicates = OurTypes.Select(t => (Type: t, t.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias))
            .Where(a => a.Alias is not null).GroupBy(a => a.Alias, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Type.FullName))}");

        Assert.Empty(duplicates);
    }
}
