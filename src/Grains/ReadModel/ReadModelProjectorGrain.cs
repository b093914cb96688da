using GridTokenX.Grains.Abstractions.ReadModel;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using Microsoft.Extensions.Logging;

namespace GridTokenX.Grains.ReadModel;

/// <summary>
/// Feeds one market's durable changes to the read model. The read model's own position for the market (a journal
/// sequence, moved in the same transaction as the data) is the only cursor: the grain reads it when it starts and
/// after any failure, asks the market for what changed after it, and writes that as one batch at the slice's
/// sequence. A crash anywhere repeats at most one batch, which the writer recognises by position and by id, so the
/// read model holds each trade once however often this runs, on however many silos. Every silo's
/// read-model <see cref="Trading.MarketKeeper"/> wakes this grain, so it resumes within a period on another silo when its own dies.
/// </summary>
[GrainType("readmodel-projector")]
public sealed partial class ReadModelProjectorGrain(IReadModelWriter writer, TimeProvider time, ILogger<ReadModelProjectorGrain> logger)
    : Grain, IReadModelProjectorGrain
{
    /// <summary>Changes asked for per batch: bounds a batch's transaction.</summary>
    public const int BatchSize = 500;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly WakeSignal _wake = new();
    private Task _loop = Task.CompletedTask;

    private string Symbol => this.GetPrimaryKeyString();

    public Task Wake()
    {
        _wake.Set();
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    // Waits for the loop to let go (a batch being written finishes or is cancelled) so a new activation starts clean.
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var book = GrainFactory.GetGrain<IOrderBookGrain>(Symbol);
        var source = ReadModelSources.Market(Symbol);
        long? position = null;
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                position ??= await writer.GetPositionAsync(source, stopping) ?? 0;
                var changes = await book.GetReadModelChanges(position.Value, BatchSize);
                if (changes.UpTo <= position.Value)
                {
                    await _wake.WaitAsync(IdlePoll, time, stopping);
                    continue;
                }

                var batch = new ReadModelBatch(source, changes.UpTo) { Trades = changes.Trades, Orders = changes.Orders };
                // False: another activation (or a replay) got there first; re-read where the read model is.
                position = await writer.WriteAsync(batch, stopping) ? changes.UpTo : null;
                delay = FirstRetryDelay;
                continue;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // The market is recovering or the database is down: the same slice is asked for again.
                LogPassFailed(ex, Symbol);
                position = null;
            }

            try
            {
                await Task.Delay(delay * (Random.Shared.NextDouble() * 0.5 + 0.75), time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model of {Symbol}: a pass failed; retrying")]
    private partial void LogPassFailed(Exception exception, string symbol);
}
