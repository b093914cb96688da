namespace GridTokenX.Grains.ReadModel;

/// <summary>
/// A worker loop's idle wait that a wake-up cuts short. A wake that arrives while the loop is busy is kept, so the
/// next wait returns at once and nothing that arrived meanwhile waits a whole period.
/// </summary>
public sealed class WakeSignal
{
    private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _woken.TrySetResult();

    public async Task WaitAsync(TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
    {
        var woken = _woken;
        await Task.WhenAny(woken.Task, Task.Delay(idle, time, cancellationToken));
        if (woken.Task.IsCompleted) _woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
