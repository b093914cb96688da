using GridTokenX.Redis.Locking;

namespace GridTokenX.Redis.Tests.Locking;

public sealed class LatencyDistributionTests
{
    [Fact]
    public void Percentiles_fall_within_a_sixteenth_of_the_true_value()
    {
        var histogram = new LatencyHistogram();
        // 1..1000 ms in 1 ms steps: the true p50 is 500 ms, the true p99 990 ms.
        for (var ms = 1; ms <= 1000; ms++) histogram.Record(TimeSpan.FromMilliseconds(ms));
        var snapshot = histogram.Snapshot();

        Assert.Equal(1000, snapshot.Count);
        Assert.InRange(snapshot.PercentileMs(0.50)!.Value, 500 * 15 / 16.0, 500 * 17 / 16.0);
        Assert.InRange(snapshot.PercentileMs(0.99)!.Value, 990 * 15 / 16.0, 990 * 17 / 16.0);
    }

    [Fact]
    public void Below_sixteen_microseconds_buckets_are_exact_and_an_empty_distribution_has_no_percentile()
    {
        var histogram = new LatencyHistogram();
        Assert.Null(histogram.Snapshot().PercentileMs(0.5));
        histogram.Record(TimeSpan.FromMicroseconds(7));
        Assert.Equal(0.007, histogram.Snapshot().PercentileMs(0.5));
    }

    [Fact]
    public void Snapshots_of_several_processes_add_up_and_survive_encoding()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 98; i++) fast.Record(TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 2; i++) slow.Record(TimeSpan.FromMilliseconds(100));

        var sum = LatencyDistribution.Decode(fast.Snapshot().Encode())!.Add(LatencyDistribution.Decode(slow.Snapshot().Encode())!);

        Assert.Equal(100, sum.Count);
        Assert.InRange(sum.PercentileMs(0.50)!.Value, 0.94, 1.07);
        Assert.InRange(sum.PercentileMs(0.99)!.Value, 94, 107);
        Assert.Null(LatencyDistribution.Decode("3:x"));
        Assert.Null(LatencyDistribution.Decode("99999:1"));
    }
}
