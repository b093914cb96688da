using RedLockNet.SERedis;
using RedLockNet.SERedis.Configuration;
using StackExchange.Redis;

namespace GridTokenX.Bench.LockBench;

/// <summary>RedLock.net 2.3.2 over the same connections.</summary>
internal sealed class RedLockNetLock(IReadOnlyList<ConnectionMultiplexer> connections, TimeSpan ttl) : ILockUnderTest
{
    private readonly RedLockFactory _factory = RedLockFactory.Create(connections.Select(c => new RedLockMultiplexer(c)).ToList());

    public string Name => "RedLock.net 2.3.2";

    public async Task<IAsyncDisposable?> TryOnceAsync(string resource)
    {
        var held = await _factory.CreateLockAsync(resource, ttl);
        if (held.IsAcquired) return held;
        await held.DisposeAsync();
        return null;
    }

    public async Task<IAsyncDisposable?> WaitAsync(string resource, TimeSpan wait)
    {
        var held = await _factory.CreateLockAsync(resource, ttl, wait, TimeSpan.FromMilliseconds(2));
        if (held.IsAcquired) return held;
        await held.DisposeAsync();
        return null;
    }
}
