using GridTokenX.Grains.Abstractions.RateLimiting;
using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

/// <summary>
/// Leases: permits charged in advance for an API host to spend locally. Never more than the limit however the host
/// spends them, never a refusal that only unspent permits caused without telling the host to ask again.
/// </summary>
public sealed class LeaseTests
{
    private static readonly RateLimitPolicy Window = new("api", RateLimitStrategy.SlidingWindow, 100, TimeSpan.FromSeconds(60));
    private static readonly RateLimitPolicy Bucket = new("market_data", RateLimitStrategy.TokenBucket, 0, TimeSpan.Zero, Burst: 10, RefillPerSecond: 1);
    private static readonly RateLimitPolicy Auth = new("auth", RateLimitStrategy.FixedWindow, 5, TimeSpan.FromSeconds(300));
    private static readonly RateLimitPolicy Sensitive = new("sensitive", RateLimitStrategy.ExponentialBackoff, 3, TimeSpan.FromSeconds(60), Factor: 2,
        MaxBlock: TimeSpan.FromSeconds(3600));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_lease_takes_at_most_a_quarter_of_what_is_left_and_is_charged_at_once()
    {
        var limits = new KeyLimits(_time);

        var lease = limits.Lease([Window], 1000);

        Assert.NotNull(lease);
        Assert.Equal(25, lease.Permits);
        Assert.Equal(KeyLimits.LeaseDuration, lease.Duration);
        Assert.Equal(75, Assert.Single(lease.Statuses).Remaining);
        Assert.Equal(75, limits.Check(Window).Remaining);
        Assert.Equal(14, limits.Lease([Window], 14)!.Permits);
    }

    [Fact]
    public void Direct_admissions_and_leases_together_never_pass_the_limit_and_the_unspent_rest_comes_back()
    {
        var limits = new KeyLimits(_time);
        var lease = limits.Lease([Window], 1000)!;

        var admitted = Enumerable.Range(0, 200).Count(_ => limits.Decide([Window]).Verdict.Admitted);

        Assert.Equal(100 - lease.Permits, admitted);
        var refused = limits.Decide([Window]).Verdict;
        Assert.False(refused.Admitted);
        // Refused while the lease is out: the host is told to ask again once it is back.
        Assert.Equal(KeyLimits.LeaseDuration + KeyLimits.LeaseGrace, refused.RecheckAfter);

        limits.ReturnLease(lease.Id, 10);
        limits.ReturnLease(lease.Id, 10);

        Assert.Equal(10, Enumerable.Range(0, 50).Count(_ => limits.Decide([Window]).Verdict.Admitted));
        Assert.Null(limits.Decide([Window]).Verdict.RecheckAfter);
    }

    [Fact]
    public void A_leased_permit_counts_from_the_end_of_its_lease_so_a_late_use_cannot_overdraw_the_next_window()
    {
        var limits = new KeyLimits(_time);
        var lease = limits.Lease([Window], 8)!;

        // One window after the lease was given, the leased permits, which the host may have spent up to the lease's
        // end, still count; they leave one lease length later.
        _time.Advance(Window.Window);
        Assert.Equal(92, limits.Check(Window).Remaining);
        _time.Advance(KeyLimits.LeaseDuration);
        Assert.Equal(100, limits.Check(Window).Remaining);
        Assert.Equal(8, lease.Permits);
    }

    [Fact]
    public void A_bucket_lease_gets_no_refill_before_it_ends_and_a_return_fills_the_bucket_again()
    {
        var limits = new KeyLimits(_time);

        // Ten tokens, but none of the lease may lean on refill before its end: nine count, and a quarter of them go.
        var lease = limits.Lease([Bucket], 100)!;

        Assert.Equal(2, lease.Permits);
        Assert.Equal(7, limits.Check(Bucket).Remaining);
        limits.ReturnLease(lease.Id, 2);
        _time.Advance(KeyLimits.LeaseDuration);
        Assert.Equal(10, limits.Check(Bucket).Remaining);
    }

    [Fact]
    public void Counted_and_blocking_policies_never_lease_nor_does_a_key_near_its_limit()
    {
        var limits = new KeyLimits(_time);
        Assert.Null(limits.Lease([Window, Auth], 100));
        Assert.Null(limits.Lease([Sensitive], 100));

        for (var i = 0; i < 93; i++) Assert.True(limits.Decide([Window]).Verdict.Admitted);

        // Seven left: a quarter is one permit, too few to be worth a lease.
        Assert.Null(limits.Lease([Window], 100));
        Assert.Equal(7, limits.Check(Window).Remaining);
    }

    [Fact]
    public void A_lease_never_given_back_is_taken_as_spent_after_its_grace_and_a_reset_drops_what_it_held()
    {
        var limits = new KeyLimits(_time);
        var lease = limits.Lease([Window], 1000)!;
        for (var i = 0; i < 75; i++) Assert.True(limits.Decide([Window]).Verdict.Admitted);

        _time.Advance(KeyLimits.LeaseDuration + KeyLimits.LeaseGrace);
        var refused = limits.Decide([Window]).Verdict;

        Assert.False(refused.Admitted);
        Assert.Null(refused.RecheckAfter);
        // Given up, a late return changes nothing.
        limits.ReturnLease(lease.Id, 25);
        Assert.Equal(0, limits.Check(Window).Remaining);

        var second = new KeyLimits(_time);
        var held = second.Lease([Window], 1000)!;
        Assert.True(second.Reset("api"));
        second.ReturnLease(held.Id, held.Permits);
        Assert.Equal(100, second.Check(Window).Remaining);
    }

    [Fact]
    public void Leases_and_returns_in_any_order_keep_the_window_equal_to_a_model_of_its_admissions()
    {
        var random = new Random(20261130);
        var policy = Window with { Limit = 64, Window = TimeSpan.FromSeconds(5) };
        var limits = new KeyLimits(_time);
        // The model: every admission still charged, with the instant it counts from.
        var charged = new List<long>();
        var open = new List<(RateLimitLease Lease, long Stamp, long Until)>();
        for (var step = 0; step < 5000; step++)
        {
            var now = _time.GetUtcNow().UtcTicks;
            switch (random.Next(4))
            {
                case 0:
                    if (limits.Decide([policy]).Verdict.Admitted) charged.Add(Math.Max(now, charged.Count == 0 ? 0 : charged.Max()));
                    break;
                case 1:
                    if (limits.Lease([policy], random.Next(1, 40)) is { } lease)
                    {
                        var stamp = Math.Max(now + KeyLimits.LeaseDuration.Ticks, charged.Count == 0 ? 0 : charged.Max());
                        charged.AddRange(Enumerable.Repeat(stamp, lease.Permits));
                        open.Add((lease, stamp, now + KeyLimits.LeaseDuration.Ticks));
                    }

                    break;
                case 2 when open.Count > 0:
                    var (given, at, until) = open[random.Next(open.Count)];
                    open.Remove((given, at, until));
                    var unused = random.Next(0, given.Permits + 1);
                    limits.ReturnLease(given.Id, unused);
                    for (var i = 0; i < unused; i++) charged.Remove(at);
                    break;
                default:
                    _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
                    break;
            }

            var at2 = _time.GetUtcNow().UtcTicks;
            // A lease whose grace has passed may be given up at any moment: its permits stay charged.
            open.RemoveAll(o => o.Until + KeyLimits.LeaseGrace.Ticks <= at2);
            var counted = charged.Count(t => t + policy.Window.Ticks > at2);
            Assert.True(counted <= policy.Limit, $"step {step}: {counted} admissions counted in one window");
            Assert.Equal(policy.Limit - counted, limits.Check(policy).Remaining);
        }
    }
}
