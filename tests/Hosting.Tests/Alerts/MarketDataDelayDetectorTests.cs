using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;
using GridTokenX.Redis.Streaming;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class MarketDataDelayDetectorTests : DetectorTest
{
    [Fact]
    public void A_queue_further_behind_than_the_threshold_raises_and_catching_up_resolves_per_queue()
    {
        var detector = new MarketDataDelayDetector(Sink, Time, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        detector.Check([Delay("gtx-0", 0), Delay("gtx-1", 5000)]);
        Assert.Empty(Sink.Raised);

        Time.Advance(TimeSpan.FromSeconds(5));
        detector.Check([Delay("gtx-0", 5001), Delay("gtx-1", 4000)]);
        var raised = Assert.Single(Sink.Raised);
        Assert.Equal((AlertKind.MarketDataDelay, AlertSeverity.Warning), (raised.Kind, raised.Severity));
        Assert.Equal("gtx-0", raised.Details["queue"]);
        Assert.Equal("5001", raised.Details["delay_ms"]);

        Time.Advance(TimeSpan.FromSeconds(5));
        detector.Check([Delay("gtx-0", 9000), Delay("gtx-1", 12_000)]);
        Assert.Equal(2, Sink.Raised.Count);
        Assert.Equal("gtx-1", Sink.Raised[1].Details["queue"]);

        Time.Advance(TimeSpan.FromSeconds(5));
        detector.Check([Delay("gtx-0", 0), Delay("gtx-1", 12_000)]);
        Assert.Equal(3, Sink.Raised.Count);
        Assert.Equal((AlertSeverity.Info, "gtx-0", "resolved"), (Sink.Raised[2].Severity, Sink.Raised[2].Details["queue"], Sink.Raised[2].Details["state"]));
    }

    private static StreamQueueDelay Delay(string queue, int ms) => new("gtx", queue, TimeSpan.FromMilliseconds(ms));
}
