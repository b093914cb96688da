using GridTokenX.Redis.Journal;

namespace GridTokenX.Redis.Tests.Journal;

/// <summary>What every journal store must do; run against Redis and against the in-memory store.</summary>
public abstract class JournalStoreContract
{
    protected abstract IJournalStore Store { get; }

    private static byte[] Bytes(params byte[] b) => b;

    protected static JournalCheckpoint Checkpoint(byte state, byte history, (long Key, byte Value)[]? upserts = null, long[]? removals = null,
        long sequence = 0) =>
        new(sequence, [state], [history], [.. (upserts ?? []).Select(u => new KeyValuePair<long, byte[]>(u.Key, [u.Value]))], removals ?? []);

    [Fact]
    public async Task Empty_stream_loads_as_nothing()
    {
        var contents = await Store.LoadAsync("EMPTY", CancellationToken.None);

        Assert.Equal(0, contents.Head);
        Assert.Null(contents.Snapshot);
        Assert.Empty(contents.Batches);
    }

    [Fact]
    public async Task Batches_come_back_in_order_with_their_sequences()
    {
        await Store.AppendAsync("A", 0, 2, Bytes(1, 2), 0, null, CancellationToken.None);
        await Store.AppendAsync("A", 2, 5, Bytes(3), 0, null, CancellationToken.None);

        var contents = await Store.LoadAsync("A", CancellationToken.None);

        Assert.Equal(5, contents.Head);
        Assert.Null(contents.Snapshot);
        Assert.Equal([2L, 5L], contents.Batches.Select(b => b.LastSequence));
        Assert.Equal([1, 2], contents.Batches[0].Data.ToArray());
        Assert.Equal([3], contents.Batches[1].Data.ToArray());
    }

    [Fact]
    public async Task A_writer_with_a_stale_head_is_refused_and_changes_nothing()
    {
        await Store.AppendAsync("B", 0, 1, Bytes(1), 0, null, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(
            async () => await Store.AppendAsync("B", 0, 1, Bytes(9), 0, Checkpoint(9, 9, sequence: 1), CancellationToken.None));

        Assert.Equal(0, conflict.Expected);
        Assert.Equal(1, conflict.Actual);
        var contents = await Store.LoadAsync("B", CancellationToken.None);
        Assert.Equal(1, contents.Head);
        Assert.Null(contents.Snapshot);
        Assert.Empty(contents.History);
        Assert.Equal([1], contents.Batches.Single().Data.ToArray());
    }

    [Fact]
    public async Task A_checkpoint_replaces_the_state_appends_its_history_and_drops_the_batches_it_covers()
    {
        await Store.AppendAsync("C", 0, 1, Bytes(1), 0, null, CancellationToken.None);
        await Store.AppendAsync("C", 1, 3, Bytes(2), 0, Checkpoint(42, 10, upserts: [(1, 1), (2, 2), (3, 3)], sequence: 3), CancellationToken.None);
        await Store.AppendAsync("C", 3, 4, Bytes(3), 0, null, CancellationToken.None);
        await Store.AppendAsync("C", 4, 6, Bytes(4), 0, Checkpoint(43, 11, upserts: [(2, 20), (4, 4)], removals: [1, 3, 99], sequence: 6), CancellationToken.None);
        await Store.AppendAsync("C", 6, 7, Bytes(5), 0, null, CancellationToken.None);

        var contents = await Store.LoadAsync("C", CancellationToken.None);

        Assert.Equal(6, contents.SnapshotSequence);
        Assert.Equal([43], contents.Snapshot!.Value.ToArray());
        Assert.Equal([[10], [11]], contents.History.Select(h => h.ToArray()));
        Assert.Equal([(2L, (byte)20), (4L, (byte)4)], contents.Live.OrderBy(l => l.Key).Select(l => (l.Key, l.Value.Span[0])));
        Assert.Equal([7L], contents.Batches.Select(b => b.LastSequence));
        Assert.Equal(7, contents.Head);
    }

    [Fact]
    public async Task A_checkpoint_that_keeps_fewer_history_segments_drops_the_oldest_in_the_same_write()
    {
        for (byte i = 1; i <= 4; i++)
            await Store.AppendAsync("TRIM", i - 1, i, Bytes(i), 0, Checkpoint(i, (byte)(10 + i), sequence: i), CancellationToken.None);
        await Store.AppendAsync("TRIM", 4, 5, Bytes(5), 0, Checkpoint(5, 15, sequence: 5) with { HistoryKept = 2 }, CancellationToken.None);
        Assert.Equal([[14], [15]], (await Store.LoadAsync("TRIM", CancellationToken.None)).History.Select(h => h.ToArray()));

        // Keeping as many as there are (or more) drops nothing; a refused write drops nothing either.
        await Store.AppendAsync("TRIM", 5, 6, Bytes(6), 0, Checkpoint(6, 16, sequence: 6) with { HistoryKept = 3 }, CancellationToken.None);
        await Store.AppendAsync("TRIM", 6, 7, Bytes(7), 0, Checkpoint(7, 17, sequence: 7) with { HistoryKept = 9 }, CancellationToken.None);
        await Assert.ThrowsAsync<JournalConflictException>(
            async () => await Store.AppendAsync("TRIM", 6, 8, Bytes(8), 0, Checkpoint(8, 18, sequence: 8) with { HistoryKept = 1 }, CancellationToken.None));

        var contents = await Store.LoadAsync("TRIM", CancellationToken.None);
        Assert.Equal([[14], [15], [16], [17]], contents.History.Select(h => h.ToArray()));
        Assert.Equal([7], contents.Snapshot!.Value.ToArray());
        Assert.Equal(7, contents.Head);
    }

    [Fact]
    public async Task A_checkpoint_with_many_live_changes_is_stored_whole()
    {
        var upserts = Enumerable.Range(1, 12_000).Select(i => ((long)i, (byte)(i % 250))).ToArray();
        await Store.AppendAsync("MANY", 0, 1, Bytes(1), 0, Checkpoint(1, 1, upserts, sequence: 1), CancellationToken.None);
        await Store.AppendAsync("MANY", 1, 2, Bytes(2), 0, Checkpoint(2, 2, removals: [.. Enumerable.Range(1, 11_000).Select(i => (long)i)], sequence: 2), CancellationToken.None);

        var contents = await Store.LoadAsync("MANY", CancellationToken.None);

        Assert.Equal(1000, contents.Live.Count);
        Assert.Equal((byte)(12_000 % 250), contents.Live[12_000].Span[0]);
    }

    [Fact]
    public async Task The_published_head_is_kept_and_never_moves_back()
    {
        await Store.AppendAsync("P", 0, 1, Bytes(1), 0, null, CancellationToken.None);
        await Store.AppendAsync("P", 1, 2, Bytes(2), 1, null, CancellationToken.None);
        await Store.AppendAsync("P", 2, 3, Bytes(3), 0, null, CancellationToken.None);

        Assert.Equal(1, (await Store.LoadAsync("P", CancellationToken.None)).PublishedHead);
    }

    [Fact]
    public async Task A_checkpoint_written_with_a_later_batch_keeps_the_batches_after_its_own_head()
    {
        await Store.AppendAsync("T", 0, 2, Bytes(1), 0, null, CancellationToken.None);
        await Store.AppendAsync("T", 2, 4, Bytes(2), 2, null, CancellationToken.None);
        await Store.AppendAsync("T", 4, 5, Bytes(3), 4, Checkpoint(7, 7, sequence: 4), CancellationToken.None);

        var contents = await Store.LoadAsync("T", CancellationToken.None);

        Assert.Equal((4L, 5L, 4L), (contents.SnapshotSequence, contents.Head, contents.PublishedHead));
        Assert.Equal([5L], contents.Batches.Select(b => b.LastSequence));
    }

    [Fact]
    public async Task Streams_are_independent()
    {
        await Store.AppendAsync("X-1", 0, 1, Bytes(1), 0, null, CancellationToken.None);
        await Store.AppendAsync("X-2", 0, 7, Bytes(2), 0, null, CancellationToken.None);

        Assert.Equal(1, (await Store.LoadAsync("X-1", CancellationToken.None)).Head);
        Assert.Equal(7, (await Store.LoadAsync("X-2", CancellationToken.None)).Head);
    }

    [Fact]
    public async Task Long_journals_load_completely()
    {
        const int count = 1300; // more than one page of XRANGE
        for (var i = 0; i < count; i++)
            await Store.AppendAsync("LONG", i, i + 1, BitConverter.GetBytes(i), 0, null, CancellationToken.None);

        var contents = await Store.LoadAsync("LONG", CancellationToken.None);

        Assert.Equal(count, contents.Batches.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), contents.Batches.Select(b => b.LastSequence));
        Assert.Equal(count - 1, BitConverter.ToInt32(contents.Batches[^1].Data.Span));
    }
}
