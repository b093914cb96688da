using Medallion.Threading.Redis;
using StackExchange.Redis;

namespace GridTokenX.Bench.LockBench;

/// <summary>DistributedLock.Redis 1.1.1 in its multi-database (RedLock) mode over the same connections.</summary>
internal sealed class DistributedLockRedisLock(IReadOnlyList<IDatabase> databases, TimeSpan ttl) : ILockUnderTest
{
    public string Name => "DistributedLock.Redis 1.1.1";

    public async Task<IAsyncDisposable?> TryOnceAsync(string resource) =>
        await new RedisDistributedLock(resource, databases, o => o.Expiry(ttl)).TryAcquireAsync(TimeSpan.Zero);

    public async Task<IAsyncDisposable?> WaitAsync(string resource, TimeSpan wait) =>
        await new RedisDistributedLock(resource, databases, o => o.Expiry(ttl).BusyWaitSleepTime(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3)))
            .TryAcquireAsync(wait);
}
