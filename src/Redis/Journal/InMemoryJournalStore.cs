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
            if (!_streams.TryGetValue(stream, out var s)) return ValueTask.FromResult(new JournalContents(0, null, [], new Dictionary<long, ReadOnlyMemory<byte>>(), [], 0, 0));
            return ValueTask.FromResult(new JournalContents(s.SnapshotSequence, s.Snapshot, [.. s.History], new Dictionary<long, ReadOnlyMemory<byte>>(s.Live), [.. s.Batches], s.Head, s.Published));
        }
    }

    public ValueTask AppendAsync(string stream, long expectedHead, long newHead, byte[] batch, long publishedHead,
        JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var s)) _streams[stream] = s = new State();
            if (s.Head != expectedHead) throw new JournalConflictException(stream, expectedHead, s.Head);
            s.Batches.Add(new JournalBatch(newHead, (byte[])batch.Clone()));
            s.Head = newHead;
            s.Published = Math.Max(s.Published, publishedHead);
            if (checkpoint is not null)
            {
                s.Snapshot = (byte[])checkpoint.State.Clone();
                s.History.Add((byte[])checkpoint.HistorySegment.Clone());
                if (checkpoint.HistoryKept is { } kept && kept < s.History.Count) s.History.RemoveRange(0, s.History.Count - Math.Max(kept, 0));
                foreach (var (key, value) in checkpoint.Upserts) s.Live[key] = (byte[])value.Clone();
                foreach (var key in checkpoint.Removals) s.Live.Remove(key);
                s.SnapshotSequence = checkpoint.Sequence;
                s.Batches.RemoveAll(b => b.LastSequence <= checkpoint.Sequence);
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class State
    {
        public List<JournalBatch> Batches { get; } = [];
        public List<ReadOnlyMemory<byte>> History { get; } = [];
        public Dictionary<long, ReadOnlyMemory<byte>> Live { get; } = [];
        public long Head { get; set; }
        public long Published { get; set; }
        public long SnapshotSequence { get; set; }
        public ReadOnlyMemory<byte>? Snapshot { get; set; }
    }
}
