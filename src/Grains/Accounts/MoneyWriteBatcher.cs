using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// Group commit for store writes made by one grain: one <see cref="IMoneyStore.ApplyAsync"/> is in flight at a time
/// and the writes made meanwhile go together in the next, so a busy market pays one round trip for many reservations
/// and a lone one still pays one.
/// </summary>
/// <remarks>Not thread-safe, on purpose: a grain's scheduler runs every call and continuation one at a time.</remarks>
public sealed class MoneyWriteBatcher(IMoneyStore store, int maxBatch = 512)
{
    private readonly List<(MoneyWrite Write, TaskCompletionSource<MoneyWriteResult> Done)> _pending = [];
    private bool _flushing;

    public Task<MoneyWriteResult> ApplyAsync(MoneyWrite write)
    {
        var done = new TaskCompletionSource<MoneyWriteResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((write, done));
        if (!_flushing) _ = FlushLoop();
        return done.Task;
    }

    private async Task FlushLoop()
    {
        _flushing = true;
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.GetRange(0, Math.Min(maxBatch, _pending.Count));
                _pending.RemoveRange(0, batch.Count);
                try
                {
                    // Not cancellable: the caller must learn what the store did, and an abandoned write is unknown.
                    var results = await store.ApplyAsync([.. batch.Select(b => b.Write)], CancellationToken.None);
                    for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                }
                catch (Exception ex)
                {
                    foreach (var (_, done) in batch) done.TrySetException(ex);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
