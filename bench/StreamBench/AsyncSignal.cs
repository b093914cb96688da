namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// An edge-triggered wake-up: <see cref="Next"/> completes on the first <see cref="Set"/> after it was taken. Taking it
/// before a read means a notification for an entry that read already returned costs one more read, never a missed one.
/// </summary>
public sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Set() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
