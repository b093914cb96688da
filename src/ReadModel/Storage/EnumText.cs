using System.Collections.Frozen;
using System.Text;

namespace GridTokenX.ReadModel.Storage;

/// <summary>
/// Enums are stored as their lower snake_case names (<c>partially_filled</c>), the same words API.md uses, so the
/// tables read well in plain SQL and do not depend on the enums' numeric values.
/// </summary>
public static class EnumText<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Snake(v.ToString()));
    private static readonly FrozenDictionary<string, T> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(T value) => Names[value];

    public static T Parse(string text) =>
        Values.TryGetValue(text, out var value) ? value : throw new FormatException($"'{text}' is not a stored {typeof(T).Name}.");

    private static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
