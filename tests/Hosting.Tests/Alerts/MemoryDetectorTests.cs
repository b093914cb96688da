using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class MemoryDetectorTests : DetectorTest
{
    private const long Gib = 1024L * 1024 * 1024;

    [Fact]
    public void Crossing_the_byte_limit_raises_once_and_only_falling_below_ninety_percent_of_it_resolves()
    {
        var detector = new MemoryDetector(Sink, Time, new AlertsOptions { HighMemoryBytes = 1 * Gib, HighMemoryPercent = 0, Cooldown = TimeSpan.Zero });
        detector.Sample(Gib - 1, 16 * Gib);
        Assert.Empty(Sink.Raised);

        detector.Sample(Gib, 16 * Gib);
        var raised = Assert.Single(Sink.Raised);
        Assert.Equal((AlertKind.HighMemory, AlertSeverity.Warning), (raised.Kind, raised.Severity));
        Assert.Equal(Gib.ToString(System.Globalization.CultureInfo.InvariantCulture), raised.Details["limit_bytes"]);

        // Hovering between 90 % and the limit: no new alert either way.
        detector.Sample((long)(Gib * 0.95), 16 * Gib);
        detector.Sample(Gib + 1, 16 * Gib);
        detector.Sample((long)(Gib * 0.91), 16 * Gib);
        Assert.Single(Sink.Raised);

        detector.Sample((long)(Gib * 0.89), 16 * Gib);
        Assert.Equal(2, Sink.Raised.Count);
        Assert.Equal((AlertKind.HighMemory, AlertSeverity.Info), (Sink.Raised[1].Kind, Sink.Raised[1].Severity));
        Assert.Equal("resolved", Sink.Raised[1].Details["state"]);
    }

    [Fact]
    public void The_percent_limit_is_taken_of_the_memory_the_gc_may_use_and_the_lower_limit_wins()
    {
        var threshold = new MemoryThreshold(bytesLimit: 10 * Gib, percentLimit: 50);
        Assert.Equal(2 * Gib, threshold.LimitFor(4 * Gib));
        Assert.Equal(10 * Gib, threshold.LimitFor(64 * Gib));
        Assert.False(new MemoryThreshold(0, 0).Enabled);
        Assert.False(new MemoryThreshold(0, 0).Sample(long.MaxValue, Gib));
    }

    [Fact]
    public void A_second_crossing_inside_the_cooldown_waits_for_the_cooldown_to_end()
    {
        var detector = new MemoryDetector(Sink, Time, new AlertsOptions { HighMemoryBytes = Gib, HighMemoryPercent = 0, Cooldown = TimeSpan.FromMinutes(1) });
        detector.Sample(Gib, 0);
        detector.Sample(Gib / 2, 0);
        Time.Advance(TimeSpan.FromSeconds(10));
        detector.Sample(Gib, 0);
        Assert.Equal([AlertKind.HighMemory, AlertKind.HighMemory], Sink.Kinds);

        Time.Advance(TimeSpan.FromMinutes(1));
        detector.Sample(Gib, 0);
        Assert.Equal(3, Sink.Raised.Count);
        Assert.Equal(AlertSeverity.Warning, Sink.Raised[2].Severity);
    }
}
