namespace GridTokenX.Redis.Money;

/// <summary>
/// The fencing token of the lock on <paramref name="Resource"/> under which a write is made. The account refuses the
/// write when it has already accepted a larger token for that resource; otherwise it remembers this one.
/// </summary>
public sealed record FenceCheck(string AccountId, string Resource, long Token);
