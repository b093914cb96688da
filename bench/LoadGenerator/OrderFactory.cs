using System.Globalization;
using System.Text;

namespace GridTokenX.Bench.LoadGenerator;

/// <summary>
/// Realistic random limit orders for one market: both sides, prices on the 0.0001 tick in a band around 0.1000 where
/// the buy and sell ranges overlap (so a share of arrivals trade and the rest rests), quantities with 3 decimals on
/// the 0.001 lot, some IOC, and a client_order_id unique to this run.
/// </summary>
public sealed class OrderFactory(string symbol, int iocPercent, string runId, int worker, int seed)
{
    private const int MidTicks = 1000;   // 0.1000 USD/kWh at tick 0.0001
    private const int HalfBand = 20;     // buys 0.0980–0.1010, sells 0.0990–0.1020: the middle 0.0990–0.1010 crosses
    private const int Overlap = 10;
    private readonly Random _random = new(seed);
    private long _sequence;

    public byte[] Next()
    {
        var buy = _random.Next(2) == 0;
        var priceTicks = buy
            ? _random.Next(MidTicks - HalfBand, MidTicks + Overlap + 1)
            : _random.Next(MidTicks - Overlap, MidTicks + HalfBand + 1);
        var quantityLots = _random.Next(100, 25_001); // 0.100 – 25.000 kWh
        var ioc = _random.Next(100) < iocPercent;
        var clientOrderId = $"lg-{runId}-{worker}-{++_sequence}";
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{symbol}}","side":"{{(buy ? "buy" : "sell")}}","type":"limit","price":"{{priceTicks / 10_000m:0.0000}}","quantity":"{{quantityLots / 1_000m:0.000}}","time_in_force":"{{(ioc ? "ioc" : "gtc")}}","client_order_id":"{{clientOrderId}}"}""");
        return Encoding.UTF8.GetBytes(json);
    }
}
