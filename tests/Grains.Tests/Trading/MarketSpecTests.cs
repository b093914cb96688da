using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class MarketSpecTests
{
    private static MarketSpec Default()
    {
        var catalog = MarketCatalog.Create([], out var errors);
        Assert.Empty(errors);
        return catalog.Markets.Single();
    }

    [Fact]
    public void No_configured_markets_means_the_default_market_of_the_contract()
    {
        var m = Default();

        Assert.Equal("ENERGY-USD", m.Symbol);
        Assert.Equal(4, m.PriceDecimals);
        Assert.Equal(3, m.QuantityDecimals);
        Assert.Equal("0.0100", m.MinPrice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("10.0000", m.MaxPrice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("100000.000", m.MaxQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.1250", true, 1250)]
    [InlineData("0.125", true, 1250)]
    [InlineData("0.12500000", true, 1250)]
    [InlineData("0.12505", false, 0)]
    [InlineData("0.00001", false, 0)]
    public void Prices_off_the_tick_are_refused_not_rounded(string price, bool ok, long ticks)
    {
        var m = Default();

        Assert.Equal(ok, m.TryToTicks(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), out var t));
        Assert.Equal(ticks, t);
    }

    [Fact]
    public void Validation_names_the_field_and_the_limit()
    {
        var m = Default();

        Assert.Equal("price", m.Validate(OrderType.Limit, 0.00999m, 1m, out _, out _)!.Field);
        Assert.Equal("price", m.Validate(OrderType.Limit, 10.0001m, 1m, out _, out _)!.Field);
        Assert.Equal("price", m.Validate(OrderType.Limit, null, 1m, out _, out _)!.Field);
        Assert.Equal("price", m.Validate(OrderType.Market, 0.1m, 1m, out _, out _)!.Field);
        Assert.Equal("quantity", m.Validate(OrderType.Limit, 0.1m, 0.0005m, out _, out _)!.Field);
        Assert.Equal("quantity", m.Validate(OrderType.Limit, 0.1m, 100000.001m, out _, out _)!.Field);
        Assert.Null(m.Validate(OrderType.Limit, 0.1m, 100000m, out var p, out var q));
        Assert.Equal(1000, p);
        Assert.Equal(100_000_000, q);
    }

    [Fact]
    public void Bad_market_definitions_are_reported_with_their_setting_keys()
    {
        var bad = MarketDefinition.Default();
        bad.TickSize = 0;
        var dotted = MarketDefinition.Default();
        dotted.Symbol = "ENERGY.USD";
        var offGrid = MarketDefinition.Default();
        offGrid.Symbol = "SOLAR-USD";
        offGrid.MinPrice = 0.01005m;

        MarketCatalog.Create([bad, dotted, offGrid, MarketDefinition.Default(), MarketDefinition.Default()], out var errors);

        Assert.Contains(errors, e => e.StartsWith("GridTokenX:Markets:0:TickSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GridTokenX:Markets:1:Symbol", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GridTokenX:Markets:2:MinPrice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GridTokenX:Markets:4:Symbol", StringComparison.Ordinal) && e.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Average_price_keeps_four_decimals_beyond_the_tick()
    {
        var m = Default();

        Assert.Null(m.AveragePrice(0, 0));
        // 1 lot at 1000 ticks and 2 lots at 1001 ticks: 3002 / 3 = 1000.6667 ticks = 0.10006667.
        Assert.Equal("0.10006667", m.AveragePrice(3002, 3)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("ENERGY-USD.17", true, "ENERGY-USD", 17)]
    [InlineData("A.1", true, "A", 1)]
    [InlineData("ENERGY-USD.T17", false, "", 0)]
    [InlineData("ENERGY-USD.0", false, "", 0)]
    [InlineData("ENERGY-USD.017", false, "", 0)]
    [InlineData("ENERGY-USD.-1", false, "", 0)]
    [InlineData("energy-usd.1", false, "", 0)]
    [InlineData(".1", false, "", 0)]
    [InlineData("ENERGY-USD.", false, "", 0)]
    [InlineData("ENERGY-USD.99999999999999999999", false, "", 0)]
    public void Order_ids_route_to_their_market(string id, bool ok, string symbol, long number)
    {
        Assert.Equal(ok, OrderIds.TryParseOrder(id, out var s, out var n));
        Assert.Equal(symbol, s);
        Assert.Equal(number, n);
    }

    [Fact]
    public void Trade_and_order_ids_do_not_collide()
    {
        Assert.True(OrderIds.TryParseTrade(OrderIds.Trade("ENERGY-USD", 5), out var s, out var n));
        Assert.Equal(("ENERGY-USD", 5L), (s, n));
        Assert.False(OrderIds.TryParseOrder(OrderIds.Trade("ENERGY-USD", 5), out _, out _));
        Assert.False(OrderIds.TryParseTrade(OrderIds.Order("ENERGY-USD", 5), out _, out _));
    }
}
