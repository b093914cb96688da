namespace GridTokenX.Redis.Journal;

/// <param name="SnapshotSequence">The head at which <paramref name="Snapshot"/> was taken (0 when there is none).</param>
/// <param name="Snapshot">The latest checkpoint's state.</param>
/// <param name="History">Every checkpoint's history segment, oldest first.</param>
/// <param name="Live">The live items as of the latest checkpoint (e.g. resting orders), keyed by number.</param>
/// <param name="Batches">Batches after the snapshot, oldest first.</param>
/// <param name="Head">The last sequence written.</param>
/// <param name="PublishedHead">The last sequence whose events the writer had published (never below the snapshot).</param>
public sealed record JournalContents(
    long SnapshotSequence,
    ReadOnlyMemory<byte>? Snapshot,
    IReadOnlyList<ReadOnlyMemory<byte>> History,
    IReadOnlyDictionary<long, ReadOnlyMemory<byte>> Live,
    IReadOnlyList<JournalBatch> Batches,
    long Head,
    long PublishedHead);
