using GridTokenX.ApiHost.Realtime;
using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class EventDeduplicatorTests
{
    private static ChannelEvent E(long sequence, string suffix) =>
        new($"ENERGY-USD:{sequence}:{suffix}", "market:ENERGY-USD", EventTypes.TradeExecuted, sequence, DateTimeOffset.UnixEpoch,
            new PricePayload("ENERGY-USD", 1m, null));

    [Fact]
    public void A_sequenced_stream_drops_a_replayed_stretch_and_keeps_what_follows_it()
    {
        var seen = new SequenceDeduplicator();
        var first = new[] { E(1, "0"), E(1, "1"), E(2, "0"), E(3, "0"), E(3, "book") };
        Assert.All(first, e => Assert.True(seen.IsNew(e)));

        // A re-publication after a crash repeats from an earlier point, then goes on with new events.
        var replay = new[] { E(2, "0"), E(3, "0"), E(3, "book") };
        Assert.All(replay, e => Assert.False(seen.IsNew(e)));
        Assert.True(seen.IsNew(E(4, "0")));
        Assert.True(seen.IsNew(E(4, "book")));
        Assert.False(seen.IsNew(E(4, "0")));
    }

    [Fact]
    public void A_sequenced_stream_keeps_events_of_the_same_sequence_that_it_has_not_seen()
    {
        var seen = new SequenceDeduplicator();
        Assert.True(seen.IsNew(E(7, "0")));
        Assert.False(seen.IsNew(E(7, "0")));
        Assert.True(seen.IsNew(E(7, "1")));
        Assert.True(seen.IsNew(E(7, "book")));
    }

    [Fact]
    public void Recent_ids_catch_a_repeat_within_their_window_and_forget_the_oldest_beyond_it()
    {
        var seen = new RecentIdDeduplicator(capacity: 2);
        Assert.True(seen.IsNew(E(0, "a")));
        Assert.True(seen.IsNew(E(0, "b")));
        Assert.False(seen.IsNew(E(0, "a")));
        Assert.True(seen.IsNew(E(0, "c")));
        Assert.True(seen.IsNew(E(0, "a")));
    }
}
