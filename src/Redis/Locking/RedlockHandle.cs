namespace GridTokenX.Redis.Locking;

/// <summary>
/// A held lock. <see cref="Lost"/> fires the moment the lock can no longer be proven held (an extension found no
/// majority, or its validity ran out before one succeeded): work done under the lock takes this token and stops with
/// it. <see cref="FencingToken"/> goes with every write the work makes, so a store can refuse a stale holder's write.
/// Disposing releases the lock on every node.
/// </summary>
public sealed class RedlockHandle : IDistributedLockHandle
{
    private readonly Redlock _owner;
    private readonly string _value;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _expiry;
    private Task? _extending;
    private int _disposed;

    internal RedlockHandle(Redlock owner, string resource, string value, long fencingToken, long validUntil, TimeProvider time)
    {
        _owner = owner;
        _value = value;
        _time = time;
        Resource = resource;
        FencingToken = fencingToken;
        ValidUntil = validUntil;
        // Without a successful extension in time, the lock is gone as far as anyone can prove.
        _expiry = time.CreateTimer(_ => Lose(), null, Remaining(), Timeout.InfiniteTimeSpan);
    }

    public string Resource { get; }

    public long FencingToken { get; }

    /// <summary>Fires when the lock is lost (not when it is released).</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsHeld => !_lost.IsCancellationRequested && Volatile.Read(ref _disposed) == 0;

    /// <summary>The <see cref="TimeProvider"/> timestamp until which the lock is proven held.</summary>
    internal long ValidUntil { get; private set; }

    /// <summary>Extends the lock now; false (and <see cref="Lost"/> fired) when no majority still held it.</summary>
    public async Task<bool> ExtendAsync()
    {
        if (!IsHeld) return false;
        if (await _owner.ExtendAsync(Resource, _value) is not { } validity)
        {
            Lose();
            return false;
        }

        ValidUntil = _time.GetTimestamp() + (long)(validity.TotalSeconds * _time.TimestampFrequency);
        _expiry.Change(Remaining(), Timeout.InfiniteTimeSpan);
        _owner.Metrics.Extended();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        if (_extending is not null) await _extending;
        await _expiry.DisposeAsync();
        await _owner.ReleaseAsync(Resource, _value);
        _lost.Dispose();
        _stopping.Dispose();
    }

    internal void StartExtending(TimeSpan every) => _extending = ExtendLoopAsync(every);

    private async Task ExtendLoopAsync(TimeSpan every)
    {
        try
        {
            while (IsHeld)
            {
                await Task.Delay(every, _time, _stopping.Token);
                if (!await ExtendAsync()) return;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Remaining()
    {
        var left = TimeSpan.FromSeconds((double)(ValidUntil - _time.GetTimestamp()) / _time.TimestampFrequency);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Lose()
    {
        if (Volatile.Read(ref _disposed) == 1 || _lost.IsCancellationRequested) return;
        try
        {
            _lost.Cancel();
            _owner.Metrics.Lost();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: released, not lost.
        }
    }
}
