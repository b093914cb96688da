using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

public sealed class SlidingWindowTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SlidingWindowState _state = new();
    private readonly SlidingWindow _window;

    public SlidingWindowTests() => _window = new(new SlidingWindowPolicy(3, TimeSpan.FromSeconds(60)), _time);

    [Fact]
    public void Admits_the_limit_counting_remaining_down_then_refuses_until_the_oldest_admission_leaves_the_window()
    {
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), _window.TryAcquire(_state));
        _time.Advance(S(10));
        Assert.Equal(new(true, 1, S(60), TimeSpan.Zero), _window.TryAcquire(_state));
        _time.Advance(S(10));
        Assert.Equal(new(true, 0, S(60), TimeSpan.Zero), _window.TryAcquire(_state));

        _time.Advance(S(10));
        // Retry when the first admission (t=0) leaves; the whole limit is back when the last one (t=20) does.
        var refused = _window.TryAcquire(_state);
        Assert.Equal(new(false, 0, S(50), S(30)), refused);
        Assert.Equal(30, refused.RetryAfterSeconds);
        Assert.Equal(50, refused.ResetSeconds);
    }

    [Fact]
    public void A_request_exactly_one_window_after_the_oldest_admission_is_admitted_and_one_tick_earlier_is_not()
    {
        var start = _time.GetUtcNow();
        Fill(at: [0, 30, 59]);
        _time.SetUtcNow(start + S(60) - Tick); // t = 60 s − 100 ns
        Assert.Equal(new(false, 0, S(59) + Tick, Tick), _window.Inspect(_state));
        var early = _window.TryAcquire(_state);
        Assert.False(early.Admitted);
        Assert.Equal(Tick, early.RetryAfter);
        Assert.Equal(1, early.RetryAfterSeconds);

        _time.Advance(Tick); // t = 60 s: the t=0 admission no longer counts
        Assert.Equal(new(true, 1, S(59), TimeSpan.Zero), _window.Inspect(_state));
        Assert.Equal(new(true, 0, S(60), TimeSpan.Zero), _window.TryAcquire(_state));
        // Still exactly three in (0, 60]: 30, 59, 60. The next slot frees at 90.
        Assert.Equal(new(false, 0, S(60), S(30)), _window.TryAcquire(_state));
        _time.Advance(S(30));
        Assert.True(_window.TryAcquire(_state).Admitted);
    }

    [Fact]
    public void Refused_requests_are_not_recorded_and_do_not_delay_the_next_admission()
    {
        Fill(at: [0, 0, 0]);
        var stamps = _state.Stamps.ToArray();
        for (var second = 0; second < 60; second++)
        {
            Assert.False(_window.TryAcquire(_state).Admitted);
            _time.Advance(S(1));
        }

        Assert.Equal(stamps, _state.Stamps);
        Assert.Equal(0, _state.Next);
        // t = 60: all three of t=0 are out at once; the refusals never counted.
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), _window.TryAcquire(_state));
    }

    [Fact]
    public void Inspect_reports_the_standing_before_a_request_and_changes_nothing()
    {
        Assert.Equal(new(true, 3, TimeSpan.Zero, TimeSpan.Zero), _window.Inspect(_state));
        Assert.Empty(_state.Stamps);

        Fill(at: [0, 20]);
        _time.Advance(S(5)); // t = 25
        Assert.Equal(new(true, 1, S(55), TimeSpan.Zero), _window.Inspect(_state));
        _window.TryAcquire(_state);
        var stamps = _state.Stamps.ToArray();
        Assert.Equal(new(false, 0, S(60), S(35)), _window.Inspect(_state));
        Assert.Equal(stamps, _state.Stamps);

        _time.Advance(S(100)); // t = 125: everything has left the window
        Assert.Equal(new(true, 3, TimeSpan.Zero, TimeSpan.Zero), _window.Inspect(_state));
    }

    [Fact]
    public void A_changed_limit_keeps_the_newest_admissions_so_the_count_stays_exact()
    {
        Fill(at: [0, 10, 20]);
        _time.Advance(S(10)); // t = 30

        var lower = new SlidingWindow(new SlidingWindowPolicy(2, TimeSpan.FromSeconds(60)), _time);
        // Inspect works on a resized copy; the state itself is only resized by an acquisition.
        Assert.Equal(new(false, 0, S(50), S(40)), lower.Inspect(_state));
        Assert.Equal(3, _state.Stamps.Length);
        Assert.Equal(new(false, 0, S(50), S(40)), lower.TryAcquire(_state)); // 10 and 20 are the two that count
        Assert.Equal(2, _state.Stamps.Length);

        var higher = new SlidingWindow(new SlidingWindowPolicy(5, TimeSpan.FromSeconds(60)), _time);
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), higher.TryAcquire(_state)); // 10, 20, 30 in the window
        _time.Advance(S(40)); // t = 70: 10 has left
        Assert.Equal(new(true, 2, S(60), TimeSpan.Zero), higher.TryAcquire(_state));
        Assert.Equal(new(true, 1, S(60), TimeSpan.Zero), higher.TryAcquire(_state));
        Assert.Equal(new(true, 0, S(60), TimeSpan.Zero), higher.TryAcquire(_state));
        Assert.False(higher.TryAcquire(_state).Admitted);
    }

    [Fact]
    public void An_admission_while_the_clock_is_behind_the_newest_one_counts_from_the_newest_so_the_window_stays_in_order()
    {
        var start = _time.GetUtcNow();
        Fill(at: [0, 50]);
        _time.AdjustTime(start + S(40)); // the clock steps back 10 s
        Assert.Equal(new(true, 0, S(70), TimeSpan.Zero), _window.TryAcquire(_state)); // recorded at 50, not 40
        _time.SetUtcNow(start + S(60));
        Assert.Equal(new(true, 0, S(60), TimeSpan.Zero), _window.TryAcquire(_state)); // the t=0 one has left

        // Recorded at 40, it would have left at 100 and the window would now be out of order.
        _time.SetUtcNow(start + S(105));
        Assert.Equal(new(false, 0, S(15), S(5)), _window.Inspect(_state));
    }

    [Fact]
    public void Reports_its_quota_and_window_and_refuses_impossible_policies()
    {
        Assert.Equal(3, _window.Quota);
        Assert.Equal(S(60), _window.Window);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindow(new(0, S(60)), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindow(new(1, TimeSpan.Zero), _time));
    }

    /// <summary>Admits one request at each of these seconds after the start, ending there.</summary>
    private void Fill(int[] at)
    {
        var start = _time.GetUtcNow();
        foreach (var second in at)
        {
            _time.AdjustTime(start + S(second));
            Assert.True(_window.TryAcquire(_state).Admitted);
        }
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
