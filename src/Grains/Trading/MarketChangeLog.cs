namespace GridTokenX.Grains.Trading;

/// <summary>
/// The journal sequence of every trade and of every order change, in sequence order, so that "what changed after
/// sequence s" is a binary search and a slice rather than a scan of the market. Plain and single-threaded, like
/// <see cref="Market"/>, which appends to it as commands are applied.
/// </summary>
public sealed class MarketChangeLog
{
    // Trade number n's sequence is at index n - 1.
    private readonly List<long> _tradeSequences = [];
    private readonly List<(long Sequence, long Number)> _orderChanges = [];

    public void Trade(long sequence) => _tradeSequences.Add(sequence);

    public void Order(long sequence, long number) => _orderChanges.Add((sequence, number));

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

        return new MarketChangeSlice(upTo, firstTrade + 1, lastTrade - firstTrade, orders);
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
