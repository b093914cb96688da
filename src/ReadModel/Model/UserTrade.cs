using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ReadModel.Model;

/// <summary>A fill as one of its parties sees it (API.md: <c>trade + role</c>).</summary>
public sealed record UserTrade(Trade Trade, TradeRole Role);
