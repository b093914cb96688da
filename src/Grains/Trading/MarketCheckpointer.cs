using GridTokenX.Redis.Journal;
using Orleans.Serialization;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Decides when a market takes a checkpoint and holds it until it may be written. A checkpoint is captured once
/// <paramref name="every"/> commands have been journaled since the last one, at a batch's head (so it matches the head
/// it claims); it is captured on the owner's thread (cheap: proportional to what changed) and encoded on the thread
/// pool, so matching goes on meanwhile. It is handed out for writing only once everything it covers is published,
/// so the journal entries a re-publication needs are never trimmed; until then it rides along with a later batch.
/// At most one checkpoint is held at a time.
/// </summary>
/// <remarks>Not thread-safe: called by the market's journal writer, on the owner's thread (see <see cref="MarketJournalWriter"/>).</remarks>
/// <param name="snapshotSequence">The head of the checkpoint the market was restored from (0 for none).</param>
/// <param name="retention">How long history is kept once the read model holds it (<see cref="Market.TakeCheckpoint"/>); null keeps it all.</param>
public sealed class MarketCheckpointer(Market market, Serializer serializer, int every, long snapshotSequence, TimeSpan? retention = null)
{
    private (long Head, Task<JournalCheckpoint> Encoded)? _held;

    /// <summary>The head of the last checkpoint written.</summary>
    public long SnapshotSequence { get; private set; } = snapshotSequence;

    /// <summary>The head of the checkpoint taken but not yet written, if any.</summary>
    public long? HeldHead => _held?.Head;

    /// <summary>
    /// A batch ending at <paramref name="head"/> is about to be written and nothing has been applied beyond it, so the
    /// market is exactly the state at that head: takes a checkpoint there if one is due and none is held.
    /// </summary>
    public void BatchSealed(long head)
    {
        if (_held is not null || head - SnapshotSequence < every) return;
        var taken = market.TakeCheckpoint(retention);
        _held = (head, Task.Run(() => Encode(head, taken)));
    }

    /// <summary>The held checkpoint once everything it covers is published (<paramref name="publishedHead"/>), else null.</summary>
    public async ValueTask<JournalCheckpoint?> ReadyAsync(long publishedHead) =>
        _held is { } held && publishedHead >= held.Head ? await held.Encoded : null;

    /// <summary>The checkpoint is in the journal: the next one is due <c>every</c> commands after it.</summary>
    public void Written(JournalCheckpoint checkpoint)
    {
        SnapshotSequence = checkpoint.Sequence;
        _held = null;
    }

    private JournalCheckpoint Encode(long sequence, MarketCheckpoint checkpoint) => new(
        sequence,
        serializer.SerializeToArray(checkpoint.State),
        serializer.SerializeToArray(checkpoint.History),
        [.. checkpoint.RestingChanged.Select(o => new KeyValuePair<long, byte[]>(o.Number, serializer.SerializeToArray(o)))],
        checkpoint.RestingEnded,
        // The journal keeps exactly the segments the market still holds: trimming there and here is one decision.
        checkpoint.State.HistorySegments - checkpoint.State.SegmentsBefore);
}
