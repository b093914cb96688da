namespace GridTokenX.Grains.Abstractions.Trading;

/// <param name="Sequence">Journal sequence of the last change applied to the book; it only grows.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.OrderBookView")]
public sealed record OrderBookView(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<BookLevel> Bids,
    [property: Id(3)] IReadOnlyList<BookLevel> Asks,
    [property: Id(4)] decimal? BestBid,
    [property: Id(5)] decimal? BestAsk,
    [property: Id(6)] DateTimeOffset Timestamp)
{
    public decimal? Spread => BestBid is { } bid && BestAsk is { } ask ? ask - bid : null;
}
