using GridTokenX.Grains.Abstractions.RateLimiting;
using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

/// <summary>A key's policies decided together: all admit and all are charged, or nothing changes (a backoff violation aside).</summary>
public sealed class KeyLimitsTests
{
    private static readonly RateLimitPolicy Api = new("api", RateLimitStrategy.SlidingWindow, 5, TimeSpan.FromSeconds(60));
    private static readonly RateLimitPolicy Orders = new("order_creation", RateLimitStrategy.SlidingWindow, 2, TimeSpan.FromSeconds(60));
    private static readonly RateLimitPolicy Auth = new("auth", RateLimitStrategy.FixedWindow, 2, TimeSpan.FromSeconds(300));
    private static readonly RateLimitPolicy Sensitive = new("sensitive", RateLimitStrategy.ExponentialBackoff, 1, TimeSpan.FromSeconds(60), Factor: 2,
        MaxBlock: TimeSpan.FromSeconds(3600));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_request_refused_by_one_policy_charges_none_of_the_others()
    {
        var limits = new KeyLimits(_time);
        Assert.True(limits.Decide([Api, Orders]).Verdict.Admitted);
        Assert.True(limits.Decide([Api, Orders]).Verdict.Admitted);

        var (refused, durable) = limits.Decide([Api, Orders]);

        Assert.False(refused.Admitted);
        Assert.False(durable);
        Assert.Equal("order_creation", refused.RefusedBy);
        Assert.Equal(60, refused.RetryAfterSeconds);
        Assert.Equal(3, limits.Check(Api).Remaining);
        Assert.Equal([("api", 3L), ("order_creation", 0L)], refused.Statuses.Select(s => (s.Policy, s.Remaining)));
    }

    [Fact]
    public void A_backoff_violation_is_recorded_only_when_the_backoff_policy_itself_refuses()
    {
        var limits = new KeyLimits(_time);
        var tight = Api with { Limit = 1 };
        Assert.True(limits.Decide([tight, Sensitive]).Verdict.Admitted);

        // Refused by api while sensitive is full too: a violation, reported as an incident and persisted.
        var (verdict, durable) = limits.Decide([tight, Sensitive]);
        Assert.True(durable);
        Assert.Equal(new RateLimitIncident("sensitive", RateLimitIncidentKind.Blocked, 1, 60), verdict.Incident);
        Assert.NotNull(limits.Inspect(Sensitive).BlockedUntil);
        Assert.Single(limits.Durable().Backoffs);

        // A fresh key refused by api alone leaves its backoff untouched.
        var other = new KeyLimits(_time);
        Assert.True(other.Decide([tight]).Verdict.Admitted);
        var (refused, changed) = other.Decide([tight, Sensitive]);
        Assert.False(refused.Admitted);
        Assert.False(changed);
        Assert.Null(refused.Incident);
        Assert.Equal(1, other.Check(Sensitive).Remaining);
    }

    [Fact]
    public void Spending_a_fixed_window_is_an_incident_and_survives_a_restore_with_overrides()
    {
        var limits = new KeyLimits(_time);
        Assert.Null(limits.Decide([Auth]).Verdict.Incident);
        var spent = limits.Decide([Auth]).Verdict;
        Assert.Equal(new RateLimitIncident("auth", RateLimitIncidentKind.Spent, 0, 300), spent.Incident);
        limits.SetOverride("api", new RateLimitOverride(Limit: 50));

        var restored = KeyLimits.Restore(limits.Durable(), _time);

        Assert.False(restored.Check(Auth).Admitted);
        Assert.Equal(50, restored.Inspect(Api).Limit);
        Assert.Equal(new RateLimitOverride(Limit: 50), restored.Inspect(Api).Override);
        Assert.True(restored.Reset("auth"));
        Assert.True(restored.Check(Auth).Admitted);
    }
}
