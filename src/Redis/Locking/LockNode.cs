using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>One independent Redis node of the lock quorum.</summary>
/// <param name="Name">How the node appears in statistics and logs (an endpoint, never a password).</param>
public sealed record LockNode(string Name, IDatabase Database)
{
    /// <summary>
    /// One call to this node, bounded by <paramref name="timeout"/>: a node that fails or does not answer in time gives
    /// <paramref name="unanswered"/> (a quorum round counts it as "no") instead of holding the round up. Cancellation
    /// still throws.
    /// </summary>
    public async Task<T> AskAsync<T>(Func<IDatabase, Task<T>> call, T unanswered, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await call(Database).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return unanswered;
        }
    }
}
