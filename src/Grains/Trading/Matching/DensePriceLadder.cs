namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// Levels indexed directly by tick offset. Slots are allocated in pages on first use and never
/// released, so after warm-up placing at a previously used price allocates nothing.
/// </summary>
internal sealed class DensePriceLadder : PriceLadder
{
    private const int PageShift = 10;
    private const int PageMask = (1 << PageShift) - 1;

    private readonly long _minPrice;
    private readonly PriceLevel?[]?[] _pages;
    private readonly LevelBitmap _occupied;
    private int _bestIndex = -1;
    private PriceLevel? _best;

    public DensePriceLadder(long minPrice, int size, bool isBid)
        : base(isBid)
    {
        _minPrice = minPrice;
        _pages = new PriceLevel?[]?[(size + PageMask) >> PageShift];
        _occupied = new LevelBitmap(size);
    }

    public override PriceLevel? Best => _best;

    public override PriceLevel GetOrAdd(long price)
    {
        int index = (int)(price - _minPrice);
        PriceLevel?[] page = _pages[index >> PageShift] ??= new PriceLevel?[1 << PageShift];
        PriceLevel level = page[index & PageMask] ??= new PriceLevel(price);
        if (!_occupied.IsSet(index))
        {
            _occupied.Set(index);
            LevelCount++;
            if (_bestIndex < 0 || (IsBid ? index > _bestIndex : index < _bestIndex))
            {
                _bestIndex = index;
                _best = level;
            }
        }

        return level;
    }

    public override void RemoveEmpty(PriceLevel level)
    {
        int index = (int)(level.Price - _minPrice);
        _occupied.Clear(index);
        LevelCount--;
        if (index == _bestIndex)
        {
            _bestIndex = NextWorseIndex(index);
            _best = _bestIndex < 0 ? null : Slot(_bestIndex);
        }
    }

    public override PriceLevel? NextWorse(PriceLevel level)
    {
        int next = NextWorseIndex((int)(level.Price - _minPrice));
        return next < 0 ? null : Slot(next);
    }

    private int NextWorseIndex(int index) =>
        IsBid ? _occupied.NextAtOrBelow(index - 1) : _occupied.NextAtOrAbove(index + 1);

    private PriceLevel Slot(int index) => _pages[index >> PageShift]![index & PageMask]!;
}
