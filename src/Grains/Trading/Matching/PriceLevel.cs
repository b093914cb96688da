namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// FIFO queue of resting orders at one price, linked through the orders themselves.
/// Ladders keep emptied levels for reuse, so a level object outlives the orders in it.
/// </summary>
internal sealed class PriceLevel(long price)
{
    public long Price { get; internal set; } = price;

    public EngineOrder? Head { get; private set; }

    public EngineOrder? Tail { get; private set; }

    public int Count { get; private set; }

    /// <summary>Sum of Remaining over the queue, kept so depth queries need not walk orders.</summary>
    public long TotalQuantity { get; internal set; }

    public bool IsEmpty => Head is null;

    public void Append(EngineOrder order)
    {
        order.Level = this;
        order.Prev = Tail;
        order.Next = null;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        Count++;
        TotalQuantity += order.Remaining;
    }

    public void Remove(EngineOrder order)
    {
        if (order.Prev is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Prev.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Prev;
        }
        else
        {
            order.Next.Prev = order.Prev;
        }

        order.Prev = null;
        order.Next = null;
        order.Level = null;
        Count--;
        TotalQuantity -= order.Remaining;
    }
}
