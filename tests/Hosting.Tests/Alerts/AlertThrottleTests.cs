using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class AlertThrottleTests : DetectorTest
{
    [Fact]
    public void One_alert_per_kind_and_key_per_cooldown_and_the_next_one_counts_what_was_held_back()
    {
        var throttle = new AlertThrottle(Time, TimeSpan.FromMinutes(1));
        Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.1", out var suppressed));
        Assert.Equal(0, suppressed);
        for (var i = 0; i < 5; i++) Assert.False(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.1", out _));

        // Other keys and other kinds are independent.
        Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.2", out _));
        Assert.True(throttle.TryPass(AlertKind.HighMemory, "auth:10.0.0.1", out _));

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.1", out _));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.1", out suppressed));
        Assert.Equal(6, suppressed);
        Assert.False(throttle.TryPass(AlertKind.SecurityEvent, "auth:10.0.0.1", out suppressed));
        Assert.Equal(1, suppressed);
    }

    [Fact]
    public void The_key_table_stays_bounded_by_forgetting_keys_whose_cooldown_is_over()
    {
        var throttle = new AlertThrottle(Time, TimeSpan.FromSeconds(10), maxKeys: 3);
        for (var i = 0; i < 3; i++) Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "k" + i, out _));
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "k3", out _));
        // k0 was forgotten; behaving like an unknown key is exactly what its expired cooldown allowed anyway.
        Assert.True(throttle.TryPass(AlertKind.SecurityEvent, "k0", out _));
        Assert.False(throttle.TryPass(AlertKind.SecurityEvent, "k3", out _));
    }
}
