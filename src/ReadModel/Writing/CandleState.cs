namespace GridTokenX.ReadModel.Writing;

/// <summary>
/// A candle as stored, with the numbers of the trades that gave its open and close: adding a trade keeps open and
/// close on the lowest and highest trade number whatever order trades arrive in, so a late or replayed trade
/// cannot move them. Plain arithmetic on decimals: exact, never rounded.
/// </summary>
internal sealed record CandleState(
    decimal Open, long OpenTrade, decimal High, decimal Low, decimal Close, long CloseTrade, decimal Volume, decimal Value, long Trades)
{
    /// <summary>The zero row a new candle is created as (no trades: every other field is ignored).</summary>
    public static CandleState Empty { get; } = new(0m, 0, 0m, 0m, 0m, 0, 0m, 0m, 0);

    public CandleState Add(NumberedTrade t)
    {
        var price = t.Trade.Price;
        if (Trades == 0) return new(price, t.Number, price, price, price, t.Number, t.Trade.Quantity, t.Value, 1);
        return new(
            t.Number < OpenTrade ? price : Open,
            Math.Min(OpenTrade, t.Number),
            Math.Max(High, price),
            Math.Min(Low, price),
            t.Number > CloseTrade ? price : Close,
            Math.Max(CloseTrade, t.Number),
            Volume + t.Trade.Quantity,
            Value + t.Value,
            Trades + 1);
    }
}
