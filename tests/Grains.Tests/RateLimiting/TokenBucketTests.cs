using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

/// <summary>The <c>trading</c> policy's defaults: 50 burst, 2 per second (a token every 0.5 s).</summary>
public sealed class TokenBucketTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenBucketState _state = new();
    private readonly TokenBucket _bucket;

    public TokenBucketTests() => _bucket = new(new TokenBucketPolicy(50, 2), _time);

    [Fact]
    public void A_full_bucket_admits_its_burst_at_once_then_refuses_until_the_next_token()
    {
        for (var remaining = 49; remaining >= 0; remaining--)
        {
            // Reset: the time to refill what has been taken, half a second per token.
            Assert.Equal(new(true, remaining, S(0.5 * (50 - remaining)), TimeSpan.Zero), _bucket.TryAcquire(_state));
        }

        var refused = _bucket.TryAcquire(_state);
        Assert.Equal(new(false, 0, S(25), S(0.5)), refused);
        Assert.Equal(1, refused.RetryAfterSeconds);
        Assert.Equal(25, refused.ResetSeconds);
    }

    [Fact]
    public void A_token_comes_back_exactly_one_interval_after_it_was_taken_and_not_a_tick_sooner()
    {
        Drain();
        _time.Advance(S(0.5) - Tick);
        Assert.Equal(new(false, 0, S(25) - S(0.5) + Tick, Tick), _bucket.TryAcquire(_state));

        _time.Advance(Tick);
        Assert.Equal(new(true, 0, S(25), TimeSpan.Zero), _bucket.TryAcquire(_state));
        Assert.Equal(new(false, 0, S(25), S(0.5)), _bucket.TryAcquire(_state));
    }

    [Fact]
    public void Refill_is_continuous_whole_tokens_are_counted_and_a_full_bucket_saves_nothing_up()
    {
        Drain();
        _time.Advance(S(10.25)); // 20.5 tokens back
        Assert.Equal(new(true, 20, S(14.75), TimeSpan.Zero), _bucket.Inspect(_state));
        _time.Advance(S(14.75) - Tick);
        Assert.Equal(49, _bucket.Inspect(_state).Remaining);
        _time.Advance(Tick);
        Assert.Equal(new(true, 50, TimeSpan.Zero, TimeSpan.Zero), _bucket.Inspect(_state));

        _time.Advance(TimeSpan.FromHours(1)); // idle for an hour: still only the burst
        for (var i = 0; i < 50; i++) Assert.True(_bucket.TryAcquire(_state).Admitted);
        Assert.False(_bucket.TryAcquire(_state).Admitted);
    }

    [Fact]
    public void Refused_requests_change_nothing_and_do_not_delay_the_refill()
    {
        Drain();
        var fullAt = _state.FullAt;
        for (var i = 0; i < 100; i++)
        {
            Assert.False(_bucket.TryAcquire(_state).Admitted);
            _time.Advance(S(0.004));
        }

        Assert.Equal(fullAt, _state.FullAt);
        _time.Advance(S(0.1)); // 0.5 s since the bucket was drained
        Assert.True(_bucket.TryAcquire(_state).Admitted);
    }

    [Fact]
    public void Inspect_reports_the_standing_and_changes_nothing()
    {
        Assert.Equal(new(true, 50, TimeSpan.Zero, TimeSpan.Zero), _bucket.Inspect(_state));
        Assert.Equal(0, _state.FullAt);
        Drain();
        var fullAt = _state.FullAt;
        Assert.Equal(new(false, 0, S(25), S(0.5)), _bucket.Inspect(_state));
        Assert.Equal(fullAt, _state.FullAt);
    }

    [Fact]
    public void A_burst_lowered_below_what_is_owed_refuses_until_the_debt_is_repaid()
    {
        for (var i = 0; i < 40; i++) _bucket.TryAcquire(_state); // 20 s to full
        var lower = new TokenBucket(new TokenBucketPolicy(10, 2), _time); // holds 5 s
        Assert.Equal(new(false, 0, S(20), S(15.5)), lower.Inspect(_state));
        Assert.Equal(new(false, 0, S(20), S(15.5)), lower.TryAcquire(_state));
        _time.Advance(S(15.5));
        Assert.Equal(new(true, 0, S(5), TimeSpan.Zero), lower.TryAcquire(_state));
    }

    [Fact]
    public void Reports_its_burst_and_fill_time_rounds_an_inexact_interval_to_the_slower_side_and_refuses_impossible_policies()
    {
        Assert.Equal(50, _bucket.Quota);
        Assert.Equal(S(25), _bucket.Window);

        // 3 per second: 3,333,333.3 ticks per token, taken as 3,333,334.
        var thirds = new TokenBucket(new TokenBucketPolicy(3, 3), _time);
        Assert.Equal(TimeSpan.FromTicks(3 * 3_333_334), thirds.Window);
        for (var i = 0; i < 3; i++) thirds.TryAcquire(_state);
        _time.Advance(TimeSpan.FromTicks(3_333_333));
        Assert.False(thirds.TryAcquire(_state).Admitted);
        _time.Advance(Tick);
        Assert.True(thirds.TryAcquire(_state).Admitted);

        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(new(0, 1), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(new(1, 0), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(new(1, double.NaN), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(new(int.MaxValue, 0.5), _time)); // 136 years to fill
        _ = new TokenBucket(new(int.MaxValue, 1), _time); // 68 years
    }

    private void Drain()
    {
        for (var i = 0; i < 50; i++) Assert.True(_bucket.TryAcquire(_state).Admitted);
        Assert.False(_bucket.TryAcquire(_state).Admitted);
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
