using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Markets;

public sealed record BookLevelResponse(string Price, string Quantity, int Orders);

public sealed record BookResponse(string Symbol, long Sequence, IReadOnlyList<BookLevelResponse> Bids, IReadOnlyList<BookLevelResponse> Asks,
    string? BestBid, string? BestAsk, string? Spread, string Timestamp)
{
    public static BookResponse From(OrderBookView book, MarketSpec m)
    {
        List<BookLevelResponse> Levels(IReadOnlyList<BookLevel> levels) =>
            [.. levels.Select(l => new BookLevelResponse(Wire.Decimal(l.Price, m.PriceDecimals), Wire.Decimal(l.Quantity, m.QuantityDecimals), l.Orders))];
        return new BookResponse(book.Symbol, book.Sequence, Levels(book.Bids), Levels(book.Asks), Wire.Decimal(book.BestBid, m.PriceDecimals),
            Wire.Decimal(book.BestAsk, m.PriceDecimals), Wire.Decimal(book.Spread, m.PriceDecimals), Wire.Time(book.Timestamp));
    }
}
