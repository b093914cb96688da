namespace GridTokenX.Grains.Trading;

/// <summary>
/// A double-ended queue over a circular array: push and pop at both ends in amortised O(1), no allocation per item.
/// The array halves when it falls to a quarter full, so memory follows what is held now, not the peak.
/// </summary>
internal sealed class RingDeque<T>
{
    private const int MinCapacity = 8;
    private T[] _items = new T[MinCapacity];
    private int _head;

    public int Count { get; private set; }

    /// <summary>How many items the array has room for (what it costs in memory).</summary>
    public int Capacity => _items.Length;

    public T First => Count > 0 ? _items[_head] : throw new InvalidOperationException("The deque is empty.");

    public T Last => Count > 0 ? _items[Index(Count - 1)] : throw new InvalidOperationException("The deque is empty.");

    public void PushLast(T item)
    {
        if (Count == _items.Length) Resize(_items.Length * 2);
        _items[Index(Count)] = item;
        Count++;
    }

    public T PopFirst()
    {
        var item = First;
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        ShrinkIfSparse();
        return item;
    }

    public T PopLast()
    {
        var item = Last;
        _items[Index(Count - 1)] = default!;
        Count--;
        ShrinkIfSparse();
        return item;
    }

    private int Index(int offset) => (_head + offset) % _items.Length;

    // Halving at a quarter (not at a half) leaves room to grow again before the next resize: amortised O(1) either way.
    private void ShrinkIfSparse()
    {
        if (_items.Length > MinCapacity && Count <= _items.Length / 4) Resize(Math.Max(MinCapacity, _items.Length / 2));
    }

    private void Resize(int capacity)
    {
        var items = new T[capacity];
        for (var i = 0; i < Count; i++) items[i] = _items[Index(i)];
        _items = items;
        _head = 0;
    }
}
