namespace GridTokenX.ReadModel.Model;

/// <summary>A market's figures since its first trade (API.md stats' <c>all_time</c>).</summary>
public sealed record MarketTotals(long Trades, decimal Volume, decimal Value, DateTimeOffset? FirstTradeAt)
{
    public static MarketTotals None { get; } = new(0, 0m, 0m, null);
}
