using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class SecurityEventDetectorTests : DetectorTest
{
    private SecurityEventDetector Detector(int threshold = 3) => new(Sink, Time,
        new AlertsOptions { FailedAuthThreshold = threshold, FailedAuthWindow = TimeSpan.FromSeconds(10), Cooldown = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Failures_spread_wider_than_the_window_are_not_a_burst()
    {
        var detector = Detector();
        for (var i = 0; i < 10; i++)
        {
            detector.AuthenticationFailed("10.0.0.1", "SecurityTokenInvalidSignatureException");
            Time.Advance(TimeSpan.FromSeconds(6));
        }

        Assert.Empty(Sink.Raised);
    }

    [Fact]
    public void A_burst_from_one_ip_raises_one_security_event_per_cooldown_and_other_ips_count_apart()
    {
        var detector = Detector();
        detector.AuthenticationFailed("10.0.0.1", "SecurityTokenExpiredException");
        detector.AuthenticationFailed("10.0.0.2", "SecurityTokenExpiredException");
        Time.Advance(TimeSpan.FromSeconds(9));
        detector.AuthenticationFailed("10.0.0.1", "SecurityTokenExpiredException");
        Assert.Empty(Sink.Raised);
        detector.AuthenticationFailed("10.0.0.1", "SecurityTokenInvalidSignatureException");

        var alert = Assert.Single(Sink.Raised);
        Assert.Equal((AlertKind.SecurityEvent, AlertSeverity.Warning), (alert.Kind, alert.Severity));
        Assert.Equal(("failed_authentication_burst", "10.0.0.1", "3", "SecurityTokenInvalidSignatureException"),
            (alert.Details["event"], alert.Details["client_ip"], alert.Details["failures"], alert.Details["last_reason"]));

        // A second full burst inside the cooldown is held back, and counted in the next alert once the cooldown is over.
        for (var i = 0; i < 3; i++) detector.AuthenticationFailed("10.0.0.1", "x");
        Assert.Single(Sink.Raised);
        Time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++) detector.AuthenticationFailed("10.0.0.1", "x");
        Assert.Equal(2, Sink.Raised.Count);
        Assert.Equal("1", Sink.Raised[1].Details["suppressed_alerts"]);
    }

    [Fact]
    public void A_forbidden_subscription_names_the_user_and_channels_once_per_cooldown()
    {
        var detector = Detector();
        detector.Forbidden("mallory", "10.0.0.9", ["orders:alice", "system:alerts"]);
        detector.Forbidden("mallory", "10.0.0.9", ["orders:bob"]);
        detector.Forbidden("eve", "10.0.0.9", ["user:alice"]);

        Assert.Equal(2, Sink.Raised.Count);
        Assert.Equal(("forbidden_subscription", "mallory", "orders:alice,system:alerts"),
            (Sink.Raised[0].Details["event"], Sink.Raised[0].Details["user"], Sink.Raised[0].Details["channels"]));
        Assert.Equal("eve", Sink.Raised[1].Details["user"]);
    }
}
