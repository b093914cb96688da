namespace GridTokenX.Redis.Journal;

/// <summary>
/// An append-only log of batches per stream plus one snapshot, with optimistic concurrency on the head sequence:
/// if two activations of one grain ever run at once, only one of them can extend the log.
/// </summary>
public interface IJournalStore
{
    /// <summary>The latest checkpoint state, every history segment, and every batch written after the checkpoint, in order.</summary>
    ValueTask<JournalContents> LoadAsync(string stream, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one batch whose last sequence is <paramref name="newHead"/>, provided the head is still
    /// <paramref name="expectedHead"/>, and records <paramref name="publishedHead"/> (it only ever grows). Optionally,
    /// in the same atomic step, replaces the checkpoint state (taken at <see cref="JournalCheckpoint.Sequence"/>),
    /// appends its history segment, keeps only the newest <see cref="JournalCheckpoint.HistoryKept"/> segments when that
    /// is set, applies its live-item changes and trims the batches it covers. Returns only once
    /// the store has accepted the write.
    /// </summary>
    /// <exception cref="JournalConflictException">Another writer moved the head.</exception>
    ValueTask AppendAsync(string stream, long expectedHead, long newHead, byte[] batch, long publishedHead,
        JournalCheckpoint? checkpoint, CancellationToken cancellationToken);
}
