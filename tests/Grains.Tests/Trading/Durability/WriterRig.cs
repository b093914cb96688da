using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Redis.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using static GridTokenX.Grains.Tests.Trading.Durability.DurabilityTestKit;

namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>
/// A market, its journal writer, checkpointer and publisher wired as the grain wires them, over a controllable store
/// and a recording event sink whose appends a test can hold back. Use from <see cref="OneThread.Run"/> only.
/// </summary>
internal sealed class WriterRig
{
    private TaskCompletionSource? _publishGate;

    /// <param name="serializer">What the writer encodes batches with; the test kit's by default.</param>
    public WriterRig(IJournalStore store, bool publish = true, int snapshotEvery = 5000, TradingOptions? options = null,
        Orleans.Serialization.Serializer? serializer = null)
    {
        Store = new ControlledJournalStore(store);
        var metrics = Metrics();
        Publisher = new MarketEventPublisher(publish ? Append : null, TimeProvider.System, metrics, NullLogger.Instance, Symbol);
        Checkpoints = new MarketCheckpointer(Market, Serializer, snapshotEvery, 0);
        Writer = new MarketJournalWriter(Store, serializer ?? Serializer, Market, Checkpoints, Publisher, options ?? new TradingOptions { SnapshotEvery = snapshotEvery },
            TimeProvider.System, metrics, NullLogger.Instance, () => BrokenCalls++);
    }

    public Market Market { get; } = new(Spec);
    public ControlledJournalStore Store { get; }
    public MarketEventPublisher Publisher { get; }
    public MarketCheckpointer Checkpoints { get; }
    public MarketJournalWriter Writer { get; }
    public List<ChannelEvent> Published { get; } = [];
    public int BrokenCalls { get; private set; }

    /// <summary>Applies the next order to the market and journals it with its events, as the grain does.</summary>
    public Task Place(int i = 0)
    {
        var command = Flow(Market, i);
        var order = Market.Place(command);
        return Writer.Append(command, Publisher.Enabled ? MarketEventBuilder.ForPlace(Market, order) : null);
    }

    /// <summary>Event appends from now on wait until <see cref="ReleasePublishing"/>.</summary>
    public void HoldPublishing() => _publishGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleasePublishing()
    {
        var gate = _publishGate;
        _publishGate = null;
        gate?.TrySetResult();
    }

    public async Task UntilPublished(long head)
    {
        while (Publisher.PublishedHead < head) await Publisher.Progress.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public ValueTask<JournalContents> Journal() => Store.LoadAsync(Symbol, CancellationToken.None);

    private async Task Append((string Namespace, string Key) stream, IReadOnlyList<ChannelEvent> events)
    {
        if (_publishGate is { } gate) await gate.Task;
        lock (Published) Published.AddRange(events);
    }
}
