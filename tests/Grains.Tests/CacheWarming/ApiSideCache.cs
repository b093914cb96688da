using GridTokenX.Redis.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Grains.Tests.CacheWarming;

/// <summary>The read cache as an API host has it: its own memory level over the same Redis, on the same backplane.</summary>
public sealed class ApiSideCache : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ApiSideCache(string redisConnectionString, TimeSpan memoryDuration)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGridTokenXReadCache(redisConnectionString);
        services.Configure<ReadCacheOptions>(o => o.MemoryDuration = memoryDuration);
        _services = services.BuildServiceProvider();
    }

    public IReadCache Cache => _services.GetRequiredService<IReadCache>();

    public CacheMetrics Metrics => _services.GetRequiredService<CacheMetrics>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
