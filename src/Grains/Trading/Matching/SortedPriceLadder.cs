namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// Fallback for wide price ranges: active levels in an array ordered worst → best, so the best level
/// is the last element and consuming it (the hot path while matching) shifts nothing. Inserts near
/// the top of the book move only a few references.
/// </summary>
internal sealed class SortedPriceLadder(bool isBid) : PriceLadder(isBid)
{
    private readonly Stack<PriceLevel> _pool = new();
    private PriceLevel[] _levels = new PriceLevel[64];

    public override PriceLevel? Best => LevelCount == 0 ? null : _levels[LevelCount - 1];

    public override PriceLevel GetOrAdd(long price)
    {
        int i = Search(price);
        if (i >= 0)
        {
            return _levels[i];
        }

        i = ~i;
        if (LevelCount == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        Array.Copy(_levels, i, _levels, i + 1, LevelCount - i);
        PriceLevel level = _pool.TryPop(out PriceLevel? pooled) ? pooled : new PriceLevel(price);
        level.Price = price;
        _levels[i] = level;
        LevelCount++;
        return level;
    }

    public override void RemoveEmpty(PriceLevel level)
    {
        int i = IndexOf(level);
        LevelCount--;
        Array.Copy(_levels, i + 1, _levels, i, LevelCount - i);
        _levels[LevelCount] = null!;
        _pool.Push(level);
    }

    public override PriceLevel? NextWorse(PriceLevel level)
    {
        int i = IndexOf(level);
        return i > 0 ? _levels[i - 1] : null;
    }

    private int IndexOf(PriceLevel level)
    {
        int top = LevelCount - 1;
        return top >= 0 && ReferenceEquals(_levels[top], level) ? top : Search(level.Price);
    }

    /// <summary>Binary search in worse → better order; returns the index or the complement of the insertion point.</summary>
    private int Search(long price)
    {
        int lo = 0;
        int hi = LevelCount - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long p = _levels[mid].Price;
            if (p == price)
            {
                return mid;
            }

            bool midIsWorse = IsBid ? p < price : p > price;
            if (midIsWorse)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
