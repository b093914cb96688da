namespace GridTokenX.Redis.Locking;

/// <summary>A lock held now, as the admin view shows it.</summary>
/// <param name="ExpiresAt">Until when a majority of nodes holds it unless extended; null for the in-process lock, which never expires.</param>
public sealed record HeldLock(string Resource, long FencingToken, string Holder, DateTimeOffset AcquiredAt, DateTimeOffset? ExpiresAt);
