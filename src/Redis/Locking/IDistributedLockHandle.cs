namespace GridTokenX.Redis.Locking;

/// <summary>
/// A held lock. Work done under it takes <see cref="Lost"/> and stops with it, and carries <see cref="FencingToken"/>
/// with every write so a store can refuse a stale holder's. Disposing releases the lock.
/// </summary>
public interface IDistributedLockHandle : IAsyncDisposable
{
    string Resource { get; }

    /// <summary>Larger than the token of every earlier acquisition of <see cref="Resource"/>.</summary>
    long FencingToken { get; }

    /// <summary>Fires when the lock can no longer be proven held (not when it is released).</summary>
    CancellationToken Lost { get; }

    /// <summary>False once lost or released.</summary>
    bool IsHeld { get; }
}
