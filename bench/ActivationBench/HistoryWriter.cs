using System.Diagnostics;
using System.Globalization;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using Orleans.Serialization;

namespace GridTokenX.Bench.ActivationBench;

/// <summary>
/// Writes one market's history into two journals through <see cref="RedisJournalStore"/>, batch by batch as the grain's
/// journal writer does, with a checkpoint every <see cref="TradingOptions.SnapshotEvery"/> commands taken at a batch's
/// head by the grain's <see cref="MarketCheckpointer"/>. Two markets apply the same commands: one never trims (every
/// segment stays, as the commit before trimming wrote and activated), the other trims as markets now do, with the
/// default <see cref="TradingOptions.HistoryRetention"/> and the read model and settlement caught up with the head at
/// every batch, so the segments it keeps are exactly those production keeps.
/// </summary>
internal sealed class HistoryWriter(IJournalStore untrimmedStore, IJournalStore trimmedStore, string symbol, Serializer serializer)
{
    public async Task WriteAsync(TradeFlow flow, Market untrimmed, Market trimmed, int batchSize, CancellationToken cancellationToken)
    {
        var options = new TradingOptions();
        var keepAll = new MarketCheckpointer(untrimmed, serializer, options.SnapshotEvery, 0);
        var trims = new MarketCheckpointer(trimmed, serializer, options.SnapshotEvery, 0, options.HistoryRetention);
        var batch = new List<MarketCommand>(batchSize);
        var clock = Stopwatch.StartNew();
        var reportEvery = Math.Max(1, flow.Commands / 10);
        long head = 0, nextReport = reportEvery;
        while (head < flow.Commands)
        {
            batch.Clear();
            while (batch.Count < batchSize && untrimmed.Sequence < flow.Commands)
            {
                var command = flow.Next(untrimmed);
                untrimmed.Place(command);
                trimmed.Place(command);
                batch.Add(command);
            }

            var newHead = untrimmed.Sequence;
            // The projector and the settler keep up: everything up to the head is in the read model and settled.
            trimmed.ReadModelHolds(newHead);
            trimmed.SettledThrough(trimmed.TradeCount);
            var encoded = serializer.SerializeToArray(new MarketBatch([.. batch]));
            await Task.WhenAll(
                Append(untrimmedStore, keepAll, head, newHead, encoded, cancellationToken),
                Append(trimmedStore, trims, head, newHead, encoded, cancellationToken));
            head = newHead;
            if (head >= nextReport || head == flow.Commands)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[activation] written {head:N0} of {flow.Commands:N0} commands, {untrimmed.TradeCount:N0} trades, {clock.Elapsed.TotalSeconds:F1} s; trimmed market keeps {trimmed.SegmentsRetained} segments ({trimmed.SegmentsBefore} trimmed)"));
                nextReport += reportEvery;
            }
        }
    }

    /// <summary>One journal write as the grain's writer makes it: seal the batch (a checkpoint if due), then append.</summary>
    private async Task Append(IJournalStore store, MarketCheckpointer checkpoints, long expectedHead, long newHead, byte[] batch,
        CancellationToken cancellationToken)
    {
        checkpoints.BatchSealed(newHead);
        // Every event is published at once here, so a checkpoint is ready with the batch it was taken at.
        var checkpoint = await checkpoints.ReadyAsync(newHead);
        await store.AppendAsync(symbol, expectedHead, newHead, batch, newHead, checkpoint, cancellationToken);
        if (checkpoint is not null) checkpoints.Written(checkpoint);
    }
}
