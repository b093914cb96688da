using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace GridTokenX.Bench.ActivationBench;

/// <summary>Orleans' serializer without a silo, knowing the journal's types: the codec the grain writes and reads with.</summary>
internal static class BenchSerializer
{
    public static Serializer Create() => new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MarketBatch).Assembly).AddAssembly(typeof(OrderSide).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();
}
