namespace GridTokenX.Redis.Journal;

/// <param name="SnapshotSequence">The head at which <paramref name="Snapshot"/> was taken (0 when there is none).</param>
/// <param name="Batches">Batches after the snapshot, oldest first.</param>
/// <param name="Head">The last sequence written.</param>
public sealed record JournalContents(
    long SnapshotSequence,
    ReadOnlyMemory<byte>? Snapshot,
    IReadOnlyList<JournalBatch> Batches,
    long Head);
