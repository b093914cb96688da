using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

/// <summary>The <c>sensitive</c> policy's defaults: 3 per 60 s, factor 2, blocks of at most 3600 s.</summary>
public sealed class ExponentialBackoffTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly BackoffState _state = new();
    private readonly ExponentialBackoff _backoff;

    public ExponentialBackoffTests() =>
        _backoff = new(new BackoffPolicy(3, TimeSpan.FromSeconds(60), 2, TimeSpan.FromSeconds(3600)), _time);

    [Fact]
    public void Admits_the_limit_per_sliding_window_and_the_first_request_over_it_blocks_for_one_window()
    {
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), _backoff.TryAcquire(_state));
        _time.Advance(S(10));
        Assert.Equal(new(true, 1, S(60), TimeSpan.Zero), _backoff.TryAcquire(_state));
        Assert.Equal(new(true, 0, S(60), TimeSpan.Zero), _backoff.TryAcquire(_state));

        _time.Advance(S(5));
        Assert.Equal(new(false, 0, S(60), S(60)), _backoff.TryAcquire(_state));
        Assert.Equal(1, _state.Violations);
        Assert.Equal(1, _backoff.Violations(_state));
        Assert.Equal(_time.GetUtcNow().UtcTicks + S(60).Ticks, _state.BlockedUntil);
    }

    [Fact]
    public void Each_violation_soon_after_a_block_doubles_the_block_up_to_the_cap()
    {
        long[] ladder = [60, 120, 240, 480, 960, 1920, 3600, 3600];
        for (var i = 0; i < ladder.Length; i++)
        {
            // The window is empty when a block ends: the whole limit, then the next violation at once.
            for (var remaining = 2; remaining >= 0; remaining--) Assert.Equal(remaining, _backoff.TryAcquire(_state).Remaining);
            var violation = _backoff.TryAcquire(_state);
            Assert.Equal(new(false, 0, S(ladder[i]), S(ladder[i])), violation);
            Assert.Equal(ladder[i], violation.RetryAfterSeconds);
            Assert.Equal(i + 1, _state.Violations);
            _time.Advance(S(ladder[i]));
        }
    }

    [Fact]
    public void During_a_block_every_request_is_refused_without_extending_it_or_counting_as_a_violation()
    {
        Violate(); // blocked for 60 s
        Violate(after: S(60)); // blocked for 120 s
        var blockedUntil = _state.BlockedUntil;
        var stamps = _state.Window.Stamps.ToArray();

        for (var second = 0; second < 120; second++)
        {
            Assert.Equal(new(false, 0, S(120 - second), S(120 - second)), _backoff.TryAcquire(_state));
            _time.Advance(S(1) - (second == 119 ? Tick : TimeSpan.Zero));
        }

        Assert.Equal(new(false, 0, Tick, Tick), _backoff.TryAcquire(_state)); // one tick before the end
        Assert.Equal((blockedUntil, 120 * TimeSpan.TicksPerSecond, 2), (_state.BlockedUntil, _state.LastBlock, _state.Violations));
        Assert.Equal(stamps, _state.Window.Stamps);

        _time.Advance(Tick); // the block's end: admitted, and the next violation is the third (240 s), not later
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), _backoff.TryAcquire(_state));
        _backoff.TryAcquire(_state);
        _backoff.TryAcquire(_state);
        Assert.Equal(new(false, 0, S(240), S(240)), _backoff.TryAcquire(_state));
        Assert.Equal(3, _state.Violations);
    }

    [Fact]
    public void A_violation_one_tick_before_a_clean_window_has_passed_since_the_block_ended_still_escalates()
    {
        Violate(); // blocked until 60
        _time.Advance(S(120) - Tick); // 60 s − 1 tick after the block ended
        Assert.Equal(1, _backoff.Violations(_state));
        Violate();
        Assert.Equal(S(120).Ticks, _state.LastBlock);
        Assert.Equal(2, _state.Violations);
    }

    [Fact]
    public void A_clean_window_after_the_block_ends_resets_the_ladder()
    {
        Violate(); // blocked until 60
        Violate(after: S(60)); // blocked 120 s, until 180
        Violate(after: S(120)); // blocked 240 s, until 420
        _time.Advance(S(240 + 60)); // exactly one clean window after the block ended
        Assert.Equal(0, _backoff.Violations(_state));

        Violate();
        Assert.Equal(S(60).Ticks, _state.LastBlock);
        Assert.Equal(1, _state.Violations);
        Violate(after: S(60));
        Assert.Equal(S(120).Ticks, _state.LastBlock);
    }

    [Fact]
    public void Inspect_reports_the_block_or_the_window_and_changes_nothing()
    {
        Assert.Equal(new(true, 3, TimeSpan.Zero, TimeSpan.Zero), _backoff.Inspect(_state));
        _backoff.TryAcquire(_state);
        _time.Advance(S(10));
        _backoff.TryAcquire(_state);
        _backoff.TryAcquire(_state);
        _time.Advance(S(20)); // t = 30; full: a request now would be a violation, one in 30 s is admitted
        Assert.Equal(new(false, 0, S(40), S(30)), _backoff.Inspect(_state));
        Assert.Equal(0, _state.BlockedUntil);

        _backoff.TryAcquire(_state); // blocked until 90
        _time.Advance(S(45));
        Assert.Equal(new(false, 0, S(15), S(15)), _backoff.Inspect(_state));
        Assert.Equal(1, _state.Violations);
    }

    [Fact]
    public void Reports_its_quota_and_window_and_refuses_impossible_policies()
    {
        Assert.Equal(3, _backoff.Quota);
        Assert.Equal(S(60), _backoff.Window);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(new(0, S(60), 2, S(3600)), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(new(3, S(60), 0.5, S(3600)), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(new(3, S(60), 2, S(59)), _time));
    }

    /// <summary>After <paramref name="after"/>, spends the window and violates it: the request over the limit is refused.</summary>
    private void Violate(TimeSpan after = default)
    {
        _time.Advance(after);
        for (var i = 0; i < 3; i++) Assert.True(_backoff.TryAcquire(_state).Admitted);
        var violation = _backoff.TryAcquire(_state);
        Assert.False(violation.Admitted);
        Assert.Equal(_state.BlockedUntil - _time.GetUtcNow().UtcTicks, violation.RetryAfter.Ticks);
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
