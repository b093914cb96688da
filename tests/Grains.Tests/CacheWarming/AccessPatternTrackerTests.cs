using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class AccessPatternTrackerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_key_is_due_once_its_reads_within_the_window_reach_the_threshold()
    {
        var tracker = new AccessPatternTracker(5, TimeSpan.FromSeconds(30));
        tracker.Record("book:A", 3, T0);
        Assert.Empty(tracker.Due(T0));
        tracker.Record("book:A", 2, T0.AddSeconds(10));
        tracker.Record("book:B", 4, T0.AddSeconds(10));

        Assert.Equal(["book:A"], tracker.Due(T0.AddSeconds(10)));
    }

    [Fact]
    public void Reads_older_than_the_window_stop_counting_and_a_cold_key_is_forgotten()
    {
        var tracker = new AccessPatternTracker(5, TimeSpan.FromSeconds(30));
        tracker.Record("book:A", 3, T0);
        tracker.Record("book:A", 3, T0.AddSeconds(20));
        Assert.Equal(["book:A"], tracker.Due(T0.AddSeconds(29)));

        Assert.Empty(tracker.Due(T0.AddSeconds(30)));
        Assert.Equal(1, tracker.TrackedKeys);
        Assert.Empty(tracker.Due(T0.AddSeconds(50)));
        Assert.Equal(0, tracker.TrackedKeys);
    }

    [Fact]
    public void Due_keys_come_hottest_first()
    {
        var tracker = new AccessPatternTracker(1, TimeSpan.FromMinutes(1));
        tracker.Record("b", 2, T0);
        tracker.Record("a", 2, T0);
        tracker.Record("c", 9, T0);

        Assert.Equal(["c", "a", "b"], tracker.Due(T0));
    }
}
