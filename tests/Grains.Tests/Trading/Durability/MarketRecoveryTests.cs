using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using static GridTokenX.Grains.Tests.Trading.Durability.DurabilityTestKit;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>Rebuilding a market, and the events it may not have published, from what a journal holds.</summary>
public sealed class MarketRecoveryTests
{
    private readonly InMemoryJournalStore _store = new();
    private readonly Market _live = new(Spec);
    private readonly List<(long Head, List<ChannelEvent> Events)> _liveEvents = [];
    private readonly MarketRecovery _recovery = new(Serializer);

    /// <summary>Applies a batch of commands to the live market and journals it, deriving its events as the grain does.</summary>
    private async Task Journal(int commands, long publishedHead, bool checkpoint = false)
    {
        var expected = _live.Sequence;
        var batch = new List<MarketCommand>();
        var events = new List<ChannelEvent>();
        for (var i = 0; i < commands; i++)
        {
            var command = Flow(_live, (int)_live.Sequence);
            events.AddRange(MarketEventBuilder.ForPlace(_live, _live.Place(command)));
            batch.Add(command);
        }

        events.Add(MarketEventBuilder.BookAfterBatch(_live));
        _liveEvents.Add((_live.Sequence, events));
        JournalCheckpoint? taken = null;
        if (checkpoint)
        {
            var c = _live.TakeCheckpoint();
            taken = new JournalCheckpoint(_live.Sequence, Serializer.SerializeToArray(c.State), Serializer.SerializeToArray(c.History),
                [.. c.RestingChanged.Select(o => new KeyValuePair<long, byte[]>(o.Number, Serializer.SerializeToArray(o)))], c.RestingEnded);
        }

        await _store.AppendAsync(Symbol, expected, _live.Sequence, Serializer.SerializeToArray(new MarketBatch([.. batch])), publishedHead, taken,
            CancellationToken.None);
    }

    private async Task<RecoveredMarket> Recover(bool deriveEvents = true) =>
        _recovery.Recover(Spec, await _store.LoadAsync(Symbol, CancellationToken.None), deriveEvents);

    [Fact]
    public async Task An_empty_journal_gives_an_empty_market()
    {
        var recovered = await Recover();

        Assert.Equal((0L, 0L, 0, 0), (recovered.Market.Sequence, recovered.PublishedHead, recovered.Unpublished.Count, recovered.Replayed));
    }

    [Fact]
    public async Task The_commands_after_the_checkpoint_are_replayed_onto_it_and_give_the_same_market()
    {
        await Journal(4, publishedHead: 0);
        await Journal(3, publishedHead: 4, checkpoint: true);
        await Journal(5, publishedHead: 7);
        await Journal(2, publishedHead: 12);

        var recovered = await Recover();

        Assert.Equal(7, recovered.Replayed);
        var market = recovered.Market;
        Assert.Equal((_live.Sequence, _live.NextOrderNumber, _live.LastTimestampMs), (market.Sequence, market.NextOrderNumber, market.LastTimestampMs));
        Assert.Equal(_live.Book(100, T0).Bids, market.Book(100, T0).Bids);
        Assert.Equal(_live.Book(100, T0).Asks, market.Book(100, T0).Asks);
        Assert.Equal(_live.RecentTrades(1000), market.RecentTrades(1000));
        foreach (var user in new[] { "u0", "u1", "u2" }) Assert.Equal(_live.UserOrders(user, false, 1000), market.UserOrders(user, false, 1000));
    }

    [Fact]
    public async Task The_events_of_batches_after_the_published_head_are_derived_again_with_their_original_ids_and_boundaries()
    {
        await Journal(2, publishedHead: 0);
        await Journal(1, publishedHead: 2);
        await Journal(2, publishedHead: 3);
        await Journal(3, publishedHead: 3);

        var recovered = await Recover();

        Assert.Equal(3, recovered.PublishedHead);
        Assert.Equal([5L, 8L], recovered.Unpublished.Select(b => b.Head));
        for (var i = 0; i < 2; i++)
        {
            var (head, events) = _liveEvents[2 + i];
            Assert.Equal(head, recovered.Unpublished[i].Head);
            Assert.Equal(events.Select(e => (e.Id, e.Channel, e.Type, e.Sequence, e.Timestamp)),
                recovered.Unpublished[i].Events.Select(e => (e.Id, e.Channel, e.Type, e.Sequence, e.Timestamp)));
        }
    }

    [Fact]
    public async Task A_market_that_does_not_publish_derives_no_events()
    {
        await Journal(2, publishedHead: 0);

        var recovered = await Recover(deriveEvents: false);

        Assert.Empty(recovered.Unpublished);
        Assert.Equal(2, recovered.Market.Sequence);
    }

    [Fact]
    public async Task A_journal_without_a_published_head_counts_as_published_up_to_its_checkpoint()
    {
        await Journal(3, publishedHead: 0, checkpoint: true);
        await Journal(1, publishedHead: 0);

        var recovered = await Recover();

        Assert.Equal(3, recovered.PublishedHead);
        Assert.Equal([4L], recovered.Unpublished.Select(b => b.Head));
    }

    [Fact]
    public async Task An_inconsistent_journal_is_refused()
    {
        await Journal(3, publishedHead: 0);
        var contents = await _store.LoadAsync(Symbol, CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => _recovery.Recover(Spec, contents with { Head = 4 }, deriveEvents: true));
        Assert.Throws<InvalidOperationException>(() => _recovery.Recover(Spec, contents with { History = [new byte[] { 1 }] }, deriveEvents: true));
    }
}
