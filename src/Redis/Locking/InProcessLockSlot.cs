namespace GridTokenX.Redis.Locking;

/// <summary>One resource of an <see cref="InProcessLock"/>: who holds it, who waits, and its last fencing token.</summary>
internal sealed class InProcessLockSlot
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private long _lastToken;
    private InProcessLockHandle? _holder;

    public bool IsTaken => _gate.CurrentCount == 0;

    /// <summary>Who holds it now, or null.</summary>
    public InProcessLockHandle? Holder
    {
        get
        {
            lock (_sync) return _holder;
        }
    }

    public Task<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken) => _gate.WaitAsync(wait, cancellationToken);

    /// <summary>Makes the caller, which has passed <see cref="WaitAsync"/>, the holder with the next token.</summary>
    public InProcessLockHandle Enter(string resource, string holder, DateTimeOffset acquiredAt)
    {
        lock (_sync)
        {
            _holder = new InProcessLockHandle(this, resource, ++_lastToken, holder, acquiredAt);
            return _holder;
        }
    }

    /// <summary>A holder lets go: frees the resource only if it still holds it (a force-release already freed it for the next).</summary>
    public void Release(InProcessLockHandle handle)
    {
        lock (_sync)
        {
            if (_holder != handle) return;
            _holder = null;
        }

        _gate.Release();
    }

    /// <summary>Frees the resource whoever holds it; the former holder, or null when it was free.</summary>
    public InProcessLockHandle? ForceRelease()
    {
        InProcessLockHandle? holder;
        lock (_sync)
        {
            holder = _holder;
            if (holder is null) return null;
            _holder = null;
        }

        _gate.Release();
        return holder;
    }
}
