using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ReadModel.Tests;

/// <summary>Builds the contract's records with only what a test cares about spelled out.</summary>
public static class Make
{
    public const string Market = "ENERGY-USD";
    public const string Other = "SOLAR-USD";
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static Trade Trade(long number, decimal price, decimal quantity, DateTimeOffset at, string buyer = "alice", string seller = "bob", string symbol = Market) =>
        new(OrderIds.Trade(symbol, number), symbol, price, quantity, OrderIds.Order(symbol, number * 2), OrderIds.Order(symbol, (number * 2) + 1),
            buyer, seller, OrderSide.Sell, at);

    public static Order Order(long number, string user, DateTimeOffset createdAt, OrderStatus status = OrderStatus.Open, string symbol = Market,
        decimal filled = 0m, DateTimeOffset? updatedAt = null) =>
        new(OrderIds.Order(symbol, number), null, user, symbol, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 0.1250m, 10.000m, filled,
            10.000m - filled, filled == 0m ? null : 0.1250m, status, status == OrderStatus.Cancelled ? CancelReason.UserRequested : CancelReason.None,
            createdAt, updatedAt ?? createdAt);

    public static Reading Reading(string id, string meter, string user, decimal kwh, DateTimeOffset at, bool minted = false) =>
        new(id, meter, user, kwh, at.AddSeconds(-1), at, minted);

    public static Mint Mint(string readingId, string meter, string user, decimal amount, DateTimeOffset at) =>
        new(MintingIds.MintId(readingId), readingId, meter, user, amount, 7, at);

    public static ReadModelBatch Batch(string source, long position, IEnumerable<Trade>? trades = null, IEnumerable<Order>? orders = null,
        IEnumerable<Reading>? readings = null, IEnumerable<Mint>? mints = null) =>
        new(source, position)
        {
            Trades = [.. trades ?? []],
            Orders = [.. orders ?? []],
            Readings = [.. readings ?? []],
            Mints = [.. mints ?? []],
        };
}
