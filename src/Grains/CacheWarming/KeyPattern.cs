using System.Text;
using System.Text.RegularExpressions;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// A cache key pattern such as <c>ticker:{symbol}</c>: which keys belong to a task, and the key for a value (its
/// placeholders filled from the value's fields). A placeholder matches one key segment (no colon).
/// </summary>
public sealed partial class KeyPattern
{
    private readonly Regex _matcher;

    public KeyPattern(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        Placeholders = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var regex = new StringBuilder("^");
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            regex.Append(Regex.Escape(text[at..m.Index])).Append("[^:]+");
            at = m.Index + m.Length;
        }

        regex.Append(Regex.Escape(text[at..])).Append('$');
        _matcher = new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Text { get; }

    public IReadOnlyList<string> Placeholders { get; }

    public bool Matches(string key) => _matcher.IsMatch(key);

    /// <summary>The key with each placeholder replaced by its value; null when a value is missing or would break the layout.</summary>
    public string? Fill(Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var key = Text;
        foreach (var name in Placeholders)
        {
            var value = valueOf(name);
            if (string.IsNullOrEmpty(value) || value.Contains(':', StringComparison.Ordinal)) return null;
            key = key.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return key;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
