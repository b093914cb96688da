namespace GridTokenX.Redis.Journal;

/// <summary>
/// The journal of standalone mode: same contract, held in this process, gone when it stops.
/// </summary>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, State> _streams = new(StringComparer.Ordinal);

    public ValueTask<JournalContents> LoadAsync(string stream, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var s)) return ValueTask.FromResult(new JournalContents(0, null, [], 0));
            return ValueTask.FromResult(new JournalContents(s.SnapshotSequence, s.Snapshot, [.. s.Batches], s.Head));
        }
    }

    public ValueTask AppendAsync(string stream, long expectedHead, long newHead, byte[] batch,
        byte[]? snapshot, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var s)) _streams[stream] = s = new State();
            if (s.Head != expectedHead) throw new JournalConflictException(stream, expectedHead, s.Head);
            s.Batches.Add(new JournalBatch(newHead, (byte[])batch.Clone()));
            s.Head = newHead;
            if (snapshot is { } snap)
            {
                s.Snapshot = snap.ToArray();
                s.SnapshotSequence = newHead;
                s.Batches.Clear();
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class State
    {
        public List<JournalBatch> Batches { get; } = [];
        public long Head { get; set; }
        public long SnapshotSequence { get; set; }
        public ReadOnlyMemory<byte>? Snapshot { get; set; }
    }
}
