using System.Diagnostics.Metrics;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>What the writer, recovery and checkpoint tests share: a market spec, a serializer without a silo, commands.</summary>
internal static class DurabilityTestKit
{
    public const string Symbol = "ENERGY-USD";
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static MarketSpec Spec { get; } = MarketCatalog.Create([], out _).Markets[0];

    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MarketBatch).Assembly).AddAssembly(typeof(OrderSide).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>A serializer that knows none of the journal's types, so encoding a batch throws.</summary>
    public static Serializer SerializerWithoutJournalTypes() => new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(OrderSide).Assembly)
            .Configure(o => o.Serializers.RemoveWhere(t => t.Assembly == typeof(MarketBatch).Assembly)))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    public static TradingMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>The next limit order of <paramref name="market"/>; prices in ticks, quantities in lots.</summary>
    public static PlaceCommand Limit(Market market, string user, OrderSide side, long price, long qty) =>
        new(market.Sequence + 1, T0.ToUnixTimeMilliseconds() + market.Sequence, market.NextOrderNumber, user, null, side, OrderType.Limit,
            TimeInForce.Gtc, price, qty);

    /// <summary>Alternating buys and sells around one price, so some trade and some rest.</summary>
    public static PlaceCommand Flow(Market market, int i) =>
        Limit(market, $"u{i % 3}", i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 1000 + (i % 5), 1000 * (1 + (i % 3)));

    public static T Decode<T>(ReadOnlyMemory<byte> bytes) where T : class => Serializer.Deserialize<T>(bytes)!;
}
