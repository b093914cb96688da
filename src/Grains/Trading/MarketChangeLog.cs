namespace GridTokenX.Grains.Trading;

/// <summary>
/// The journal sequence of every trade and of every order change, in sequence order, so that "what changed after
/// sequence s" is a binary search and a slice rather than a scan of the market. Plain and single-threaded, like
/// <see cref="Market"/>, which appends to it as commands are applied and trims its front with the market's history.
/// </summary>
public sealed class MarketChangeLog
{
    // Trade number n's sequence is at index n - 1 - _tradesBefore.
    private readonly List<long> _tradeSequences = [];
    private readonly List<(long Sequence, long Number)> _orderChanges = [];
    private long _tradesBefore;

    /// <summary>Starts a log whose first trade will be number <paramref name="tradesBefore"/> + 1 (a trimmed market's).</summary>
    public MarketChangeLog(long tradesBefore = 0) => _tradesBefore = tradesBefore;

    public void Trade(long sequence) => _tradeSequences.Add(sequence);

    public void Order(long sequence, long number) => _orderChanges.Add((sequence, number));

    /// <summary>
    /// Forgets every change at or before <paramref name="throughSequence"/>, which is the first <paramref name="trades"/>
    /// trades and every change of the orders trimmed with them. Only for a sequence the read model already holds: its
    /// projector never asks from before it again.
    /// </summary>
    public void TrimThrough(long throughSequence, int trades)
    {
        if (trades > _tradeSequences.Count || (trades > 0 && _tradeSequences[trades - 1] > throughSequence)
            || (trades < _tradeSequences.Count && _tradeSequences[trades] <= throughSequence))
            throw new InvalidOperationException($"Trimming {trades} trades through sequence {throughSequence} does not match the change log.");
        _tradeSequences.RemoveRange(0, trades);
        _tradesBefore += trades;
        _orderChanges.RemoveRange(0, FirstAfter(_orderChanges, c => c.Sequence, throughSequence));
    }

    /// <summary>
    /// The changes after <paramref name="after"/> up to a sequence chosen so that roughly <paramref name="max"/> items
    /// come back (never splitting one sequence's changes), and at most <paramref name="head"/>.
    /// </summary>
    public MarketChangeSlice After(long after, long head, int max)
    {
        if (after >= head) return new MarketChangeSlice(after, 0, 0, []);
        var firstTrade = FirstAfter(_tradeSequences, s => s, after);
        var firstOrder = FirstAfter(_orderChanges, c => c.Sequence, after);
        var upTo = head;
        if (_tradeSequences.Count - firstTrade > max) upTo = Math.Min(upTo, _tradeSequences[firstTrade + max - 1]);
        if (_orderChanges.Count - firstOrder > max) upTo = Math.Min(upTo, _orderChanges[firstOrder + max - 1].Sequence);

        var lastTrade = firstTrade;
        while (lastTrade < _tradeSequences.Count && _tradeSequences[lastTrade] <= upTo) lastTrade++;
        var orders = new List<long>();
        var seen = new HashSet<long>();
        for (var i = firstOrder; i < _orderChanges.Count && _orderChanges[i].Sequence <= upTo; i++)
        {
            if (seen.Add(_orderChanges[i].Number)) orders.Add(_orderChanges[i].Number);
        }

        return new MarketChangeSlice(upTo, _tradesBefore + firstTrade + 1, lastTrade - firstTrade, orders);
    }

    private static int FirstAfter<T>(List<T> items, Func<T, long> sequence, long after)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sequence(items[mid]) <= after) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}

/// <param name="UpTo">The sequence the slice is complete through.</param>
/// <param name="FirstTradeNumber">The number of the slice's first trade; <paramref name="TradeCount"/> trades follow it.</param>
/// <param name="OrderNumbers">The orders that changed in the slice, each once.</param>
public sealed record MarketChangeSlice(long UpTo, long FirstTradeNumber, int TradeCount, IReadOnlyList<long> OrderNumbers);
