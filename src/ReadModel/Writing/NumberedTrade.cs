using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ReadModel.Writing;

/// <summary>A trade with the per-market number from its id, which orders a market's trades.</summary>
internal readonly record struct NumberedTrade(Trade Trade, long Number)
{
    public decimal Value => Trade.Price * Trade.Quantity;
}
