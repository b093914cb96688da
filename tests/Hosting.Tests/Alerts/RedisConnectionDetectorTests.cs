using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class RedisConnectionDetectorTests : DetectorTest
{
    [Fact]
    public void Several_endpoints_and_repeated_failures_collapse_into_one_lost_and_one_restored()
    {
        var detector = new RedisConnectionDetector(Sink, Time, TimeSpan.FromMinutes(1));
        detector.Failed("10.0.0.1:6379", "SocketFailure");
        detector.Failed("10.0.0.2:6379", "SocketFailure");
        Time.Advance(TimeSpan.FromSeconds(1));
        detector.Failed("10.0.0.1:6379", "UnableToConnect");
        detector.Recheck();
        Assert.Equal([AlertKind.RedisConnectionLost], Sink.Kinds);
        Assert.Equal(AlertSeverity.Critical, Sink.Raised[0].Severity);

        detector.Restored("10.0.0.1:6379");
        Assert.True(detector.IsDown);
        Assert.Single(Sink.Raised);

        Time.Advance(TimeSpan.FromSeconds(2));
        detector.Restored("10.0.0.2:6379");
        detector.Restored("10.0.0.2:6379");
        Assert.Equal([AlertKind.RedisConnectionLost, AlertKind.RedisConnectionRestored], Sink.Kinds);
        Assert.Equal("3000", Sink.Raised[1].Details["outage_ms"]);
    }

    [Fact]
    public void A_flapping_connection_raises_at_most_one_lost_per_cooldown_and_ends_on_the_true_state()
    {
        var detector = new RedisConnectionDetector(Sink, Time, TimeSpan.FromMinutes(1));
        for (var i = 0; i < 20; i++)
        {
            detector.Failed("redis:6379", "SocketFailure");
            Time.Advance(TimeSpan.FromSeconds(1));
            detector.Restored("redis:6379");
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([AlertKind.RedisConnectionLost, AlertKind.RedisConnectionRestored], Sink.Kinds);

        // Down for good inside the cooldown: held back, then announced by a periodic re-check once the cooldown is over.
        detector.Failed("redis:6379", "SocketFailure");
        detector.Recheck();
        Assert.Equal(2, Sink.Raised.Count);
        Time.Advance(TimeSpan.FromMinutes(1));
        detector.Recheck();
        Assert.Equal([AlertKind.RedisConnectionLost, AlertKind.RedisConnectionRestored, AlertKind.RedisConnectionLost], Sink.Kinds);
    }
}
