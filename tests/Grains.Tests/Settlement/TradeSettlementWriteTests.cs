using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Settlement;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Tests.Settlement;

public sealed class TradeSettlementWriteTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static SettleableTrade Trade(decimal price, decimal qty, decimal limit, decimal buyFee = 0.01m, decimal sellFee = 0.01m) =>
        new(7, "ENERGY-USD.T7", "ENERGY-USD", price, qty, "ENERGY-USD.2", "ENERGY-USD.1", "bob", "alice", limit, buyFee, sellFee, At);

    private static readonly Dictionary<string, long> Tokens = new() { ["bob"] = 11, ["alice"] = 12 };

    private static decimal Sum(MoneyWrite w, string account, string asset, bool reserved) =>
        w.Legs.Where(l => l.AccountId == account && l.Asset == asset).Sum(l => reserved ? l.ReservedDelta : l.AvailableDelta);

    [Fact]
    public void Amounts_follow_the_contract_exactly_and_nothing_is_created_or_lost()
    {
        // Bought at 0.1250 with a 0.1300 limit: the improvement goes back to available.
        var (write, settled) = TradeSettlementWrite.Build(Trade(0.1250m, 4.000m, 0.1300m), Tokens, 1, At);

        Assert.Equal(0.5000000m, settled.Value);
        Assert.Equal(0.005m, settled.BuyerFee);
        Assert.Equal(0.005m, settled.SellerFee);
        // Buyer: reserved gives up limit × q × (1 + f) = 0.1300 × 4 × 1.01 = 0.52520; available gets the improvement.
        Assert.Equal(-0.5252m, Sum(write, "bob", Assets.Usd, reserved: true));
        Assert.Equal(0.5252m - 0.505m, Sum(write, "bob", Assets.Usd, reserved: false));
        Assert.Equal(4.000m, Sum(write, "bob", Assets.Kwh, reserved: false));
        // Seller: KWH out of reserved, value less fee into available.
        Assert.Equal(-4.000m, Sum(write, "alice", Assets.Kwh, reserved: true));
        Assert.Equal(0.495m, Sum(write, "alice", Assets.Usd, reserved: false));
        Assert.Equal(0.010m, Sum(write, SystemAccounts.Fees, Assets.Usd, reserved: false));
        foreach (var asset in Assets.All)
            Assert.Equal(0m, write.Legs.Where(l => l.Asset == asset).Sum(l => l.AvailableDelta + l.ReservedDelta));
        Assert.Empty(write.Sources);
    }

    [Fact]
    public void The_reservations_give_up_exactly_what_the_legs_take_from_reserved()
    {
        var (write, _) = TradeSettlementWrite.Build(Trade(0.1234m, 3.333m, 0.2000m, buyFee: 0.0025m, sellFee: 0.0025m), Tokens, 1, At);

        var buy = Assert.Single(write.Reservations, r => r.OrderId == "ENERGY-USD.2");
        var sell = Assert.Single(write.Reservations, r => r.OrderId == "ENERGY-USD.1");
        Assert.Equal(Sum(write, "bob", Assets.Usd, reserved: true), buy.Delta);
        Assert.Equal(-0.2000m * 3.333m * 1.0025m, buy.Delta);
        Assert.Equal(Sum(write, "alice", Assets.Kwh, reserved: true), sell.Delta);
    }

    [Fact]
    public void A_fill_at_the_limit_has_no_improvement_leg_and_the_write_is_fenced_by_both_accounts()
    {
        var (write, settled) = TradeSettlementWrite.Build(Trade(0.1250m, 1.000m, 0.1250m), Tokens, 3, At);

        Assert.DoesNotContain(write.Legs, l => l.Kind == LedgerKinds.Release);
        Assert.Equal(["account:bob", "account:alice"], write.Fences.Select(f => f.Resource));
        Assert.Equal([11L, 12L], write.Fences.Select(f => f.Token));
        Assert.Equal(new Dictionary<string, long> { ["account:bob"] = 11, ["account:alice"] = 12 }, settled.FencingTokens);
        Assert.Equal((SettlementStatus.Settled, 3, At), (settled.Status, settled.Attempts, settled.SettledAt!.Value));
        Assert.Equal("trade:ENERGY-USD.T7", write.OperationId);
        var stored = SettlementJson.Read(write.Result)!;
        Assert.Equal(settled.FencingTokens, stored.FencingTokens);
        Assert.Equal(settled, stored with { FencingTokens = settled.FencingTokens });
    }

    [Fact]
    public void No_leg_takes_available_below_zero_on_the_way_for_a_seller_with_nothing_else()
    {
        // The seller's USD starts at zero: the value must come in before the fee goes out.
        var (write, _) = TradeSettlementWrite.Build(Trade(1.0000m, 1.000m, 1.0000m), Tokens, 1, At);

        var running = 0m;
        foreach (var leg in write.Legs.Where(l => l.AccountId == "alice" && l.Asset == Assets.Usd))
        {
            running += leg.AvailableDelta;
            Assert.True(running >= 0m);
        }
    }
}
