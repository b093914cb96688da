namespace GridTokenX.Redis.Locking;

/// <summary>A lock held through an <see cref="InProcessLock"/>.</summary>
internal sealed class InProcessLockHandle(InProcessLockSlot slot, string resource, long fencingToken, string holder, DateTimeOffset acquiredAt)
    : IDistributedLockHandle
{
    // Never disposed: it owns no timer, and a holder may still read Lost after letting go.
    private readonly CancellationTokenSource _lost = new();
    private int _released;

    public string Resource => resource;

    public long FencingToken => fencingToken;

    public string Holder => holder;

    public DateTimeOffset AcquiredAt => acquiredAt;

    public CancellationToken Lost => _lost.Token;

    public bool IsHeld => !_lost.IsCancellationRequested && Volatile.Read(ref _released) == 0;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) slot.Release(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Force-released: the holder's work must stop.</summary>
    internal void Lose() => _lost.Cancel();
}
