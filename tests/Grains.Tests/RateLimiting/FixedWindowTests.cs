using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.RateLimiting;

/// <summary>The <c>auth</c> policy's defaults: 5 per 300 s.</summary>
public sealed class FixedWindowTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly FixedWindowState _state = new();
    private readonly FixedWindow _window;

    public FixedWindowTests() => _window = new(new FixedWindowPolicy(5, TimeSpan.FromSeconds(300)), _time);

    [Fact]
    public void Admits_the_limit_in_a_window_opened_by_the_first_request_then_refuses_until_it_ends()
    {
        _time.Advance(S(7)); // not on any grid: the window starts with the key's first request
        Assert.Equal(new(true, 4, S(300), TimeSpan.Zero), _window.TryAcquire(_state));
        for (var remaining = 3; remaining >= 0; remaining--)
        {
            _time.Advance(S(10));
            Assert.Equal(new(true, remaining, S(300 - 10 * (4 - remaining)), TimeSpan.Zero), _window.TryAcquire(_state));
        }

        _time.Advance(S(0.5)); // 40.5 s into the window
        var refused = _window.TryAcquire(_state);
        Assert.Equal(new(false, 0, S(259.5), S(259.5)), refused);
        Assert.Equal(260, refused.RetryAfterSeconds);
        Assert.Equal(260, refused.ResetSeconds);
    }

    [Fact]
    public void A_request_exactly_at_the_end_of_the_window_opens_the_next_one_and_one_tick_earlier_is_refused()
    {
        for (var i = 0; i < 5; i++) _window.TryAcquire(_state);
        _time.Advance(S(300) - Tick);
        var last = _window.TryAcquire(_state);
        Assert.Equal(new(false, 0, Tick, Tick), last);
        Assert.Equal(1, last.RetryAfterSeconds);

        _time.Advance(Tick);
        Assert.Equal(new(true, 4, S(300), TimeSpan.Zero), _window.TryAcquire(_state));
        Assert.Equal(_time.GetUtcNow().UtcTicks, _state.Start);
    }

    [Fact]
    public void Refused_requests_are_not_counted_and_do_not_move_the_window()
    {
        for (var i = 0; i < 5; i++) _window.TryAcquire(_state);
        var start = _state.Start;
        for (var i = 0; i < 299; i++)
        {
            _time.Advance(S(1));
            Assert.False(_window.TryAcquire(_state).Admitted);
        }

        Assert.Equal((start, 5), (_state.Start, _state.Count));
        _time.Advance(S(1));
        Assert.Equal(new(true, 4, S(300), TimeSpan.Zero), _window.TryAcquire(_state));
    }

    [Fact]
    public void Inspect_answers_the_auth_check_without_counting()
    {
        Assert.Equal(new(true, 5, TimeSpan.Zero, TimeSpan.Zero), _window.Inspect(_state));
        _window.TryAcquire(_state); // one failed authentication
        _time.Advance(S(100));
        Assert.Equal(new(true, 4, S(200), TimeSpan.Zero), _window.Inspect(_state));
        Assert.Equal(new(true, 4, S(200), TimeSpan.Zero), _window.Inspect(_state));
        Assert.Equal(1, _state.Count);

        for (var i = 0; i < 4; i++) _window.TryAcquire(_state);
        Assert.Equal(new(false, 0, S(200), S(200)), _window.Inspect(_state));
        _time.Advance(S(200));
        Assert.Equal(new(true, 5, TimeSpan.Zero, TimeSpan.Zero), _window.Inspect(_state));
    }

    [Fact]
    public void A_limit_lowered_below_what_the_window_admitted_refuses_until_it_ends()
    {
        for (var i = 0; i < 4; i++) _window.TryAcquire(_state);
        var lower = new FixedWindow(new FixedWindowPolicy(2, TimeSpan.FromSeconds(300)), _time);
        Assert.Equal(new(false, 0, S(300), S(300)), lower.Inspect(_state));
        Assert.Equal(new(false, 0, S(300), S(300)), lower.TryAcquire(_state));
        Assert.Equal(4, _state.Count);
    }

    [Fact]
    public void A_clock_that_steps_back_behind_the_start_keeps_the_window_open()
    {
        for (var i = 0; i < 5; i++) _window.TryAcquire(_state);
        _time.AdjustTime(_time.GetUtcNow() - S(10));
        Assert.Equal(new(false, 0, S(310), S(310)), _window.TryAcquire(_state));
    }

    [Fact]
    public void Reports_its_quota_and_window_and_refuses_impossible_policies()
    {
        Assert.Equal(5, _window.Quota);
        Assert.Equal(S(300), _window.Window);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedWindow(new(0, S(60)), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedWindow(new(1, -S(1)), _time));
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
