namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// A level-triggered wake-up: <see cref="Set"/> from any thread; <see cref="WaitAsync"/> completes at once if it was set
/// since the last wait, so a notification arriving between an empty read and the wait is not lost.
/// </summary>
public sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _next).TrySetResult();

    /// <summary>Waits for a notification or <paramref name="bound"/>, whichever comes first, and re-arms.</summary>
    public async Task WaitAsync(Task bound, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _next);
        await Task.WhenAny(current.Task, bound).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (current.Task.IsCompleted)
            Interlocked.CompareExchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}
