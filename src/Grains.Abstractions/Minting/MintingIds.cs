using System.Text.RegularExpressions;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>What meter and reading ids may look like.</summary>
public static partial class MintingIds
{
    public const int MaxLength = 64;

    /// <summary>A meter id is a token's <c>sub</c>, so it has a user id's shape.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex MeterPattern();

    /// <summary>Reading ids also allow '.' and ':' (meters often number readings "M1:2026-11-25T12:00").</summary>
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex ReadingPattern();

    public static bool IsValidMeterId(string? id) => id is not null && MeterPattern().IsMatch(id);

    public static bool IsValidReadingId(string? id) => id is not null && ReadingPattern().IsMatch(id);

    /// <summary>The money operation of a reading's mint: one per reading, system-wide.</summary>
    public static string MintOperation(string readingId) => "mint:" + readingId;

    public static string MintId(string readingId) => "mint-" + readingId;
}
