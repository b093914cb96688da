using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.TestSupport;
using static GridTokenX.Grains.Tests.Trading.Durability.DurabilityTestKit;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>The journal writer without Orleans: group commit, durability waits, failure, events after durability, back-pressure.</summary>
public sealed class MarketJournalWriterTests
{
    // Long enough for a held write to have been acknowledged if the writer did not wait for it.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    [Fact]
    public Task A_caller_hears_back_only_once_its_command_is_in_the_journal() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore());
        rig.Store.Hold();

        var placed = rig.Place();
        await Task.Delay(Settle);

        Assert.False(placed.IsCompleted);
        Assert.Equal(0, (await rig.Journal()).Head);
        Assert.Equal(0, rig.Writer.DurableSequence);
        rig.Store.Release();
        await placed;
        Assert.Equal(1, (await rig.Journal()).Head);
        Assert.Equal(1, rig.Writer.DurableSequence);
    });

    [Fact]
    public Task Commands_applied_while_a_write_is_in_flight_go_out_together_in_the_next_write() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore());
        rig.Store.Hold();

        var first = rig.Place(0);
        var next = Enumerable.Range(1, 4).Select(rig.Place).ToList();
        rig.Store.Release();
        await Task.WhenAll([first, .. next]);

        var journal = await rig.Journal();
        Assert.Equal(2, rig.Store.Appends);
        Assert.Equal([1L, 5L], journal.Batches.Select(b => b.LastSequence));
        Assert.Equal([2L, 3, 4, 5], Decode<MarketBatch>(journal.Batches[1].Data).Commands.Select(c => c.Sequence));
    });

    [Fact]
    public Task A_read_waits_until_the_journal_covers_the_state_it_shows() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore());
        await rig.Place(0);
        Assert.True(rig.Writer.WhenDurableAsync(rig.Market.Sequence).IsCompleted);
        rig.Store.Hold();

        _ = rig.Place(1);
        var read = rig.Writer.WhenDurableAsync(rig.Market.Sequence).AsTask();
        await Task.Delay(Settle);

        Assert.False(read.IsCompleted);
        rig.Store.Release();
        await read;
        Assert.Equal(2, rig.Writer.DurableSequence);
    });

    [Fact]
    public Task A_failed_write_refuses_everything_unwritten_and_the_writer_refuses_all_further_work() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore());
        await rig.Place(0);
        rig.Store.Hold();
        var inFlight = rig.Place(1);
        var queued = rig.Place(2);
        var read = rig.Writer.WhenDurableAsync(rig.Market.Sequence).AsTask();

        rig.Store.FailWith = new IOException("disk on fire");
        rig.Store.Release();

        await Assert.ThrowsAsync<MarketUnavailableException>(() => inFlight);
        await Assert.ThrowsAsync<MarketUnavailableException>(() => queued);
        await Assert.ThrowsAsync<MarketUnavailableException>(() => read);
        Assert.Equal(1, rig.BrokenCalls);
        Assert.Throws<MarketUnavailableException>(rig.Writer.ThrowIfBroken);
        Assert.Equal(1, rig.Writer.DurableSequence);
        Assert.Equal(1, (await rig.Journal()).Head);
        await rig.UntilPublished(1);
        Assert.DoesNotContain(rig.Published, e => e.Sequence > 1);
    });

    [Fact]
    public Task A_batch_that_cannot_be_encoded_is_refused_like_a_failed_write_instead_of_leaving_its_callers_waiting() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore(), serializer: SerializerWithoutJournalTypes());

        var first = rig.Place(0);

        await Assert.ThrowsAsync<MarketUnavailableException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<MarketUnavailableException>(rig.Writer.ThrowIfBroken);
        Assert.Equal(1, rig.BrokenCalls);
        Assert.Equal(0, (await rig.Journal()).Head);
    });

    [Fact]
    public Task A_batchs_events_are_published_only_once_the_batch_is_durable() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore());
        rig.Store.Hold();

        var placed = rig.Place(0);
        await Task.Delay(Settle);

        Assert.Empty(rig.Published);
        rig.Store.Release();
        await placed;
        await rig.UntilPublished(1);
        Assert.Equal(["ENERGY-USD:1:0", "ENERGY-USD:1:book"], rig.Published.Select(e => e.Id).Order(StringComparer.Ordinal));
    });

    [Fact]
    public Task Commands_wait_for_publication_beyond_the_bound_and_are_refused_if_it_stays_behind() => OneThread.Run(async () =>
    {
        var options = new TradingOptions { MaxUnpublished = 1, PublicationWait = TimeSpan.FromMilliseconds(200) };
        var rig = new WriterRig(new InMemoryJournalStore(), options: options);
        rig.HoldPublishing();
        await rig.Writer.WaitForPublicationAsync();
        await rig.Place(0);
        await rig.Writer.WaitForPublicationAsync();
        await rig.Place(1);

        await Assert.ThrowsAsync<MarketUnavailableException>(() => rig.Writer.WaitForPublicationAsync().AsTask());
        var waiting = rig.Writer.WaitForPublicationAsync().AsTask();
        await Task.Delay(Settle);
        Assert.False(waiting.IsCompleted);
        rig.ReleasePublishing();
        await waiting;
        Assert.True(rig.Writer.DurableSequence - rig.Publisher.PublishedHead <= options.MaxUnpublished);
    });

    [Fact]
    public Task A_checkpoint_rides_along_only_once_everything_it_covers_is_published() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore(), snapshotEvery: 2);
        rig.HoldPublishing();
        await rig.Place(0);
        await rig.Place(1);
        await rig.Place(2);

        Assert.Equal(2, rig.Checkpoints.HeldHead);
        Assert.Equal(0, (await rig.Journal()).SnapshotSequence);
        rig.ReleasePublishing();
        await rig.UntilPublished(3);
        await rig.Place(3);

        var journal = await rig.Journal();
        Assert.Equal(2, journal.SnapshotSequence);
        Assert.Equal(2, Decode<MarketSnapshot>(journal.Snapshot!.Value).Sequence);
        Assert.Null(rig.Checkpoints.HeldHead);
        Assert.Equal(2, rig.Checkpoints.SnapshotSequence);
    });

    [Fact]
    public Task A_market_that_does_not_publish_still_journals_and_checkpoints() => OneThread.Run(async () =>
    {
        var rig = new WriterRig(new InMemoryJournalStore(), publish: false, snapshotEvery: 2);
        for (var i = 0; i < 3; i++) await rig.Place(i);

        Assert.Equal(2, (await rig.Journal()).SnapshotSequence);
        Assert.Equal(3, rig.Publisher.PublishedHead);
        Assert.Empty(rig.Published);
    });

    [Fact]
    public async Task Against_redis_commands_are_group_committed_and_another_writers_entry_breaks_this_writer()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await redis.ConnectAsync();
        var store = new RedisJournalStore(connection);
        await OneThread.Run(async () =>
        {
            var rig = new WriterRig(store);
            rig.Store.Hold();
            var placed = Enumerable.Range(0, 5).Select(rig.Place).ToList();
            rig.Store.Release();
            await Task.WhenAll(placed);
            Assert.Equal([1L, 5L], (await store.LoadAsync(Symbol, CancellationToken.None)).Batches.Select(b => b.LastSequence));

            // Another activation extends the journal behind this writer's back.
            var other = new Market(Spec);
            foreach (var batch in (await store.LoadAsync(Symbol, CancellationToken.None)).Batches)
                foreach (var command in Decode<MarketBatch>(batch.Data).Commands) other.Apply(command);
            var foreign = Limit(other, "zed", OrderSide.Sell, 1200, 5000);
            await store.AppendAsync(Symbol, 5, 6, Serializer.SerializeToArray(new MarketBatch([foreign])), 5, null, CancellationToken.None);

            await Assert.ThrowsAsync<MarketUnavailableException>(() => rig.Place(5));
            Assert.Equal(1, rig.BrokenCalls);
            Assert.Throws<MarketUnavailableException>(rig.Writer.ThrowIfBroken);
            var journal = await store.LoadAsync(Symbol, CancellationToken.None);
            Assert.Equal(6, journal.Head);
            Assert.Equal("zed", ((PlaceCommand)Decode<MarketBatch>(journal.Batches[^1].Data).Commands.Single()).UserId);
        });
    }
}
