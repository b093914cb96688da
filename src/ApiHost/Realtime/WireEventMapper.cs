using System.Text.Json;
using GridTokenX.ApiHost.Alerts;
using GridTokenX.ApiHost.Http;
using GridTokenX.ApiHost.Markets;
using GridTokenX.ApiHost.Minting;
using GridTokenX.ApiHost.Settlement;
using GridTokenX.ApiHost.Trading;
using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>Turns a grain's event into the <c>data</c> API.md documents for its type: the same DTOs as the HTTP API.</summary>
public sealed class WireEventMapper(MarketCatalog catalog, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public WireEvent Map(ChannelEvent e)
    {
        object data = e.Data switch
        {
            OrderPayload o => new { order = OrderResponse.From(o.Order, Spec(o.Order.Symbol)) },
            TradePayload t => new { trade = TradeResponse.From(t.Trade, Spec(t.Trade.Symbol)) },
            TradeConfirmationPayload c => new { trade = TradeResponse.From(c.Trade, Spec(c.Trade.Symbol)), role = c.Role },
            PricePayload p => new
            {
                symbol = p.Symbol,
                price = Wire.Decimal(p.Price, Spec(p.Symbol).PriceDecimals),
                change_percent_24h = Wire.Decimal(p.ChangePercent24h, 2),
            },
            BookUpdatePayload b => Book(b),
            AlertPayload a => AlertResponse.From(a.Alert),
            SettlementPayload s => new { settlement = SettlementResponse.From(s.Settlement, SpecOrNull(s.Settlement.Symbol)) },
            TokensMintedPayload m => new { reading_id = m.ReadingId, amount = Wire.Decimal(m.Amount, 3), balance = Wire.Exact(m.Balance) },
            _ => throw new InvalidOperationException($"No wire shape for {e.Data.GetType().Name}."),
        };
        return new WireEvent(e.Id, e.Type, JsonSerializer.SerializeToElement(data, _options), e.Timestamp);
    }

    private object Book(BookUpdatePayload b)
    {
        var m = Spec(b.Symbol);
        var view = new OrderBookView(b.Symbol, b.Sequence, b.Bids, b.Asks, b.BestBid, b.BestAsk, default);
        var wire = BookResponse.From(view, m);
        return new { symbol = wire.Symbol, sequence = wire.Sequence, best_bid = wire.BestBid, best_ask = wire.BestAsk, spread = wire.Spread, bids = wire.Bids, asks = wire.Asks };
    }

    private MarketSpec? SpecOrNull(string symbol) => catalog.TryGet(symbol, out var spec) ? spec : null;

    private MarketSpec Spec(string symbol) =>
        catalog.TryGet(symbol, out var spec) ? spec : throw new InvalidOperationException($"Event of unknown market {symbol}.");
}
