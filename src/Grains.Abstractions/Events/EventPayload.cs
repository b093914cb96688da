using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Abstractions.Events;

/// <summary>The <c>data</c> of an event; one record per event type.</summary>
[GenerateSerializer]
[Alias("gtx.events.EventPayload")]
public abstract record EventPayload;

/// <param name="Bids">Best first, at most ten levels.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.events.BookUpdatePayload")]
public sealed record BookUpdatePayload(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] decimal? BestBid,
    [property: Id(3)] decimal? BestAsk,
    [property: Id(4)] IReadOnlyList<BookLevel> Bids,
    [property: Id(5)] IReadOnlyList<BookLevel> Asks) : EventPayload;

[GenerateSerializer, Immutable]
[Alias("gtx.events.TradePayload")]
public sealed record TradePayload([property: Id(0)] Trade Trade) : EventPayload;

[GenerateSerializer, Immutable]
[Alias("gtx.events.PricePayload")]
public sealed record PricePayload(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal Price,
    [property: Id(2)] decimal? ChangePercent24h) : EventPayload;

[GenerateSerializer, Immutable]
[Alias("gtx.events.OrderPayload")]
public sealed record OrderPayload([property: Id(0)] Order Order) : EventPayload;

/// <param name="Role">"buyer" or "seller": which side of the trade the channel's user was on.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.events.TradeConfirmationPayload")]
public sealed record TradeConfirmationPayload([property: Id(0)] Trade Trade, [property: Id(1)] string Role) : EventPayload;
