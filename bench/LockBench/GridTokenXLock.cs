using GridTokenX.Redis.Locking;

namespace GridTokenX.Bench.LockBench;

/// <summary>This project's Redlock: every acquisition also mints a fencing token (two more round trips).</summary>
internal sealed class GridTokenXLock(IReadOnlyList<LockNode> nodes, TimeSpan ttl) : ILockUnderTest
{
    private readonly Redlock _redlock = new(nodes, new RedlockOptions { Ttl = ttl, RetryDelay = TimeSpan.FromMilliseconds(2) }, TimeProvider.System);

    public string Name => "GridTokenX Redlock (fenced)";

    public async Task<IAsyncDisposable?> TryOnceAsync(string resource) => await _redlock.TryAcquireOnceAsync(resource, CancellationToken.None);

    public async Task<IAsyncDisposable?> WaitAsync(string resource, TimeSpan wait) => await _redlock.AcquireAsync(resource, wait, CancellationToken.None);
}
