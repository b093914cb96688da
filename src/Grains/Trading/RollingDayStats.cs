namespace GridTokenX.Grains.Trading;

/// <summary>
/// Volume, high, low, last price and the 24-hour change's reference price of a market's trades in the 24 hours up to
/// a moment, kept up to date as trades are appended instead of scanned per request: amortised O(1) per trade and per
/// question. A trade is in the window when its time (whole milliseconds) is at or after the moment minus 24 hours;
/// one exactly 24 hours old is still in.
/// </summary>
/// <remarks>
/// Holds only the trades in the window (time, price, quantity): a running sum for the volume, two monotonic deques
/// for high and low, and the price of the last trade to leave the window as the change's reference. It never reads
/// the market's trade list, so the market may drop old history.
/// <para>
/// Time only moves forward here. The window's start is a high-water mark raised by every question and by every
/// trade appended (a trade is never in the future of whoever asks, because a command's clock reading is the greater
/// of the wall clock and the last one). A question with an earlier moment than one already asked (a clock that
/// stepped back, another silo slightly behind) is answered for the latest window instead of reopening it: trades that
/// left stay out, and nothing throws. Appending with the trade's own time also bounds memory when no one asks, e.g.
/// while a market with a long history is restored.
/// </para>
/// </remarks>
public sealed class RollingDayStats
{
    private const long DayMs = 24 * 60 * 60 * 1000;

    private readonly RingDeque<WindowTrade> _window = new();
    private readonly RingDeque<WindowTrade> _highs = new(); // prices strictly decreasing from first to last
    private readonly RingDeque<WindowTrade> _lows = new();  // prices strictly increasing from first to last
    private long _sequence;
    private long _volumeLots;
    private long _windowStartMs = long.MinValue;
    private long? _lastTicks;
    private long? _firstTicks;
    private long? _lastExpiredTicks;

    /// <summary>How many trades are held: those in the latest window.</summary>
    public int Count => _window.Count;

    /// <summary>What the held trades cost in slots (for tests of the memory bound).</summary>
    internal int Capacity => _window.Capacity + _highs.Capacity + _lows.Capacity;

    /// <summary>Appends a trade; trades must be appended in execution order.</summary>
    public void Add(long timestampMs, long priceTicks, long quantityLots)
    {
        var trade = new WindowTrade(++_sequence, timestampMs, priceTicks, quantityLots);
        _window.PushLast(trade);
        _volumeLots += quantityLots;
        // A later trade at an equal price supersedes an earlier one: it stays in the window at least as long.
        while (_highs.Count > 0 && _highs.Last.PriceTicks <= priceTicks) _highs.PopLast();
        _highs.PushLast(trade);
        while (_lows.Count > 0 && _lows.Last.PriceTicks >= priceTicks) _lows.PopLast();
        _lows.PushLast(trade);
        _lastTicks = priceTicks;
        _firstTicks ??= priceTicks;
        Expire(timestampMs - DayMs);
    }

    /// <summary>The figures for the 24 hours up to <paramref name="now"/> (or up to the latest moment seen, if later).</summary>
    public DayStatistics At(DateTimeOffset now)
    {
        Expire(now.ToUnixTimeMilliseconds() - DayMs);
        var inWindow = _window.Count > 0;
        return new DayStatistics(_volumeLots, inWindow ? _highs.First.PriceTicks : null, inWindow ? _lows.First.PriceTicks : null,
            _lastTicks, _lastExpiredTicks ?? _firstTicks);
    }

    private void Expire(long fromMs)
    {
        if (fromMs <= _windowStartMs) return;
        _windowStartMs = fromMs;
        // The window is a prefix cut in execution order, as the scan it replaces was; the deques hold a subsequence
        // of the window, so their first item leaves exactly when the same trade leaves the window.
        while (_window.Count > 0 && _window.First.TimestampMs < fromMs)
        {
            var gone = _window.PopFirst();
            _volumeLots -= gone.QuantityLots;
            _lastExpiredTicks = gone.PriceTicks;
            if (_highs.First.Sequence == gone.Sequence) _highs.PopFirst();
            if (_lows.First.Sequence == gone.Sequence) _lows.PopFirst();
        }
    }

    private readonly record struct WindowTrade(long Sequence, long TimestampMs, long PriceTicks, long QuantityLots);
}
