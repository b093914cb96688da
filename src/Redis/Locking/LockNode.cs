using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>One independent Redis node of the lock quorum.</summary>
/// <param name="Name">How the node appears in statistics and logs (an endpoint, never a password).</param>
public sealed record LockNode(string Name, IDatabase Database);
