using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using static GridTokenX.Grains.Tests.Trading.Durability.DurabilityTestKit;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>When a checkpoint is taken, what it captures, and that it is held until what it covers is published.</summary>
public sealed class MarketCheckpointerTests
{
    private readonly Market _market = new(Spec);

    private void Apply(int commands)
    {
        for (var i = 0; i < commands; i++) _market.Place(Flow(_market, (int)_market.Sequence));
    }

    [Fact]
    public void A_checkpoint_is_taken_at_a_batch_head_once_every_commands_have_been_journaled_since_the_last()
    {
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 3, snapshotSequence: 0);
        Apply(2);
        checkpoints.BatchSealed(2);
        Assert.Null(checkpoints.HeldHead);

        Apply(2);
        checkpoints.BatchSealed(4);
        Assert.Equal(4, checkpoints.HeldHead);
    }

    [Fact]
    public async Task A_checkpoint_is_held_until_everything_it_covers_is_published()
    {
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 3, snapshotSequence: 0);
        Apply(3);
        checkpoints.BatchSealed(3);

        Assert.Null(await checkpoints.ReadyAsync(publishedHead: 2));
        Assert.Equal(3, (await checkpoints.ReadyAsync(publishedHead: 3))!.Sequence);
        Assert.Equal(3, checkpoints.HeldHead);
    }

    [Fact]
    public async Task Only_one_is_held_at_a_time()
    {
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 3, snapshotSequence: 0);
        Apply(3);
        checkpoints.BatchSealed(3);
        Apply(3);
        checkpoints.BatchSealed(6);
        Assert.Equal(3, checkpoints.HeldHead);

        checkpoints.Written((await checkpoints.ReadyAsync(6))!);
        Assert.Equal((3L, (long?)null), (checkpoints.SnapshotSequence, checkpoints.HeldHead));
        Apply(2);
        checkpoints.BatchSealed(8);
        Assert.Equal(8, checkpoints.HeldHead);
    }

    [Fact]
    public async Task After_a_checkpoint_is_written_the_next_is_due_every_commands_after_it()
    {
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 3, snapshotSequence: 0);
        Apply(3);
        checkpoints.BatchSealed(3);
        checkpoints.Written((await checkpoints.ReadyAsync(3))!);

        Apply(2);
        checkpoints.BatchSealed(5);
        Assert.Null(checkpoints.HeldHead);
        Apply(1);
        checkpoints.BatchSealed(6);
        Assert.Equal(6, checkpoints.HeldHead);
    }

    [Fact]
    public void A_market_restored_from_a_checkpoint_counts_from_that_checkpoint()
    {
        Apply(10);
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 5, snapshotSequence: 8);

        checkpoints.BatchSealed(10);

        Assert.Null(checkpoints.HeldHead);
    }

    [Fact]
    public async Task It_holds_the_state_at_the_batch_head_even_when_the_market_moves_on_before_it_is_encoded()
    {
        var reference = new Market(Spec);
        var checkpoints = new MarketCheckpointer(_market, Serializer, every: 1, snapshotSequence: 0);
        for (var i = 0; i < 20; i++) reference.Place(Flow(reference, i));
        Apply(20);

        checkpoints.BatchSealed(20);
        Apply(15);
        var checkpoint = (await checkpoints.ReadyAsync(publishedHead: 20))!;

        var state = Decode<MarketSnapshot>(checkpoint.State);
        Assert.Equal((20L, 21L), (state.Sequence, state.NextOrderNumber));
        var restored = Market.Restore(Spec, [Decode<MarketHistorySegment>(checkpoint.HistorySegment)],
            [.. checkpoint.Upserts.Select(u => Decode<OrderRecord>(u.Value))], state);
        Assert.Equal(reference.Book(100, T0).Bids, restored.Book(100, T0).Bids);
        Assert.Equal(reference.Book(100, T0).Asks, restored.Book(100, T0).Asks);
        Assert.Equal(reference.RecentTrades(100), restored.RecentTrades(100));
    }
}
