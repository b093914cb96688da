using System.Globalization;

namespace GridTokenX.Redis.Streaming;

/// <summary>Maps a Redis entry id (<c>milliseconds-sequence</c>) to one increasing 64-bit number for Orleans' tokens.</summary>
internal static class RedisStreamEntryId
{
    // 43 bits of milliseconds last until the year 2248; 20 bits allow a million appends to one queue per millisecond,
    // far beyond what one Redis node accepts.
    private const int SequenceBits = 20;
    private const long MaxSequence = (1L << SequenceBits) - 1;

    public static long ToSequenceNumber(string entryId)
    {
        var milliseconds = Milliseconds(entryId);
        var dash = entryId.IndexOf('-', StringComparison.Ordinal);
        var sequence = long.Parse(entryId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return (milliseconds << SequenceBits) | Math.Min(sequence, MaxSequence);
    }

    /// <summary>The entry id a sequence number was made from (exact unless a millisecond held over a million entries).</summary>
    public static string FromSequenceNumber(long sequenceNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber >> SequenceBits}-{sequenceNumber & MaxSequence}");

    /// <summary>The Unix time in milliseconds at which Redis appended the entry (the part before the dash).</summary>
    public static long Milliseconds(string entryId)
    {
        var dash = entryId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) throw new FormatException($"'{entryId}' is not a Redis stream entry id.");
        return long.Parse(entryId.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
