namespace GridTokenX.Redis.Locking;

/// <param name="Endpoint">host:port, never a password or a whole configuration string.</param>
/// <param name="Up">Whether it answered a PING within the lock's node timeout.</param>
public sealed record LockNodeState(string Endpoint, bool Up);
