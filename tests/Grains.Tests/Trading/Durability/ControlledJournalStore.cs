using GridTokenX.Redis.Journal;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>A journal store whose writes a test can hold back or fail, in front of a real one.</summary>
internal sealed class ControlledJournalStore(IJournalStore inner) : IJournalStore
{
    private TaskCompletionSource? _gate;

    /// <summary>The next writes fail with this, once released.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Writes begun, including held and failed ones.</summary>
    public int Appends { get; private set; }

    /// <summary>Writes from now on wait until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release()
    {
        var gate = _gate;
        _gate = null;
        gate?.TrySetResult();
    }

    public ValueTask<JournalContents> LoadAsync(string stream, CancellationToken cancellationToken) => inner.LoadAsync(stream, cancellationToken);

    public async ValueTask AppendAsync(string stream, long expectedHead, long newHead, byte[] batch, long publishedHead,
        JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        Appends++;
        if (_gate is { } gate) await gate.Task;
        if (FailWith is { } failure) throw failure;
        await inner.AppendAsync(stream, expectedHead, newHead, batch, publishedHead, checkpoint, cancellationToken);
    }
}
