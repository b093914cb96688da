namespace GridTokenX.Redis.Journal;

/// <summary>
/// What a writer stores at a checkpoint, all of it proportional to what changed since the previous one:
/// the small state record at the new head, the history that became immutable (appended, never rewritten),
/// and the live items that changed (<paramref name="Upserts"/>) or ended (<paramref name="Removals"/>).
/// </summary>
/// <param name="Sequence">The head the checkpoint was taken at; it may trail the batch it is written with.</param>
/// <param name="HistoryKept">When set, only this many of the newest history segments (the new one included) are kept:
/// the older ones are trimmed in the same atomic step. Null keeps them all.</param>
public sealed record JournalCheckpoint(
    long Sequence,
    byte[] State,
    byte[] HistorySegment,
    IReadOnlyList<KeyValuePair<long, byte[]>> Upserts,
    IReadOnlyList<long> Removals,
    int? HistoryKept = null);
