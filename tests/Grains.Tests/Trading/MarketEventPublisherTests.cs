using System.Diagnostics.Metrics;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>The publisher's loop through its append seam: what it hands over, in what order, and that it never stops.</summary>
public sealed class MarketEventPublisherTests
{
    private const string Symbol = "ENERGY-USD";
    private readonly FakeTimeProvider _time = new();
    private readonly List<((string Namespace, string Key) Stream, List<ChannelEvent> Events)> _appended = [];

    private MarketEventPublisher Publisher(MarketEventPublisher.Append append) =>
        new(append, _time, new TradingMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            NullLogger.Instance, Symbol);

    // The publisher appends to a market's two streams at once, so this may run on two threads together.
    private Task Record((string Namespace, string Key) stream, IReadOnlyList<ChannelEvent> events)
    {
        lock (_appended) _appended.Add((stream, [.. events]));
        return Task.CompletedTask;
    }

    private static ChannelEvent E(long sequence, string channel, int n = 0) =>
        new($"{Symbol}:{sequence}:{n}", channel, EventTypes.OrderUpdate, sequence, DateTimeOffset.UnixEpoch, new PricePayload(Symbol, 1m, null));

    [Fact]
    public void Appends_that_complete_at_once_do_not_stop_publication()
    {
        // Regression: the loop was started with "_running ??= Run()"; a Run that never yielded left its completed
        // task there and nothing was published again.
        var publisher = Publisher(Record);
        for (var head = 1; head <= 3; head++) publisher.Enqueue(head, [E(head, "orders:alice")]);

        Assert.Equal(3, publisher.PublishedHead);
        Assert.Equal([1L, 2L, 3L], _appended.SelectMany(a => a.Events).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_round_goes_to_the_markets_public_and_users_streams_in_journal_order_in_bounded_entries()
    {
        var gate = new TaskCompletionSource();
        var publisher = Publisher(async (stream, events) =>
        {
            await gate.Task;
            await Record(stream, events);
        });

        publisher.Enqueue(1, [E(1, "orders:alice"), E(1, "market:ENERGY-USD", 1)]);
        // Queued while the first round is in flight: one round for all of it.
        var burst = Enumerable.Range(2, MarketEventPublisher.MaxEventsPerEntry + 10).Select(s => E(s, "trades:bob")).ToList();
        publisher.Enqueue(burst[^1].Sequence, burst);
        var progressed = publisher.Progress;
        gate.SetResult();
        await progressed;
        await Eventually(() => publisher.PublishedHead == burst[^1].Sequence);

        Assert.Equal([ChannelStreams.MarketPublic(Symbol)], _appended.Where(a => a.Events.Any(e => e.Channel == "market:ENERGY-USD")).Select(a => a.Stream));
        var users = _appended.Where(a => a.Stream == ChannelStreams.MarketUsers(Symbol)).ToList();
        Assert.Equal([1, MarketEventPublisher.MaxEventsPerEntry, 10], users.Select(a => a.Events.Count));
        Assert.Equal(Enumerable.Range(1, burst.Count + 1).Select(i => (long)i), users.SelectMany(a => a.Events).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_failed_round_is_retried_after_a_backoff_and_nothing_is_skipped()
    {
        var failures = 1;
        var publisher = Publisher((stream, events) => failures-- > 0 ? Task.FromException(new TimeoutException("redis away")) : Record(stream, events));

        publisher.Enqueue(1, [E(1, "orders:alice")]);
        Assert.Equal(0, publisher.PublishedHead);
        publisher.Enqueue(2, [E(2, "orders:alice")]);

        _time.Advance(TimeSpan.FromMilliseconds(50));
        await Eventually(() => publisher.PublishedHead == 2);
        Assert.Equal([1L, 2L], _appended.SelectMany(a => a.Events).Select(e => e.Sequence));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        await GridTokenX.TestSupport.Eventually.Until(() => Task.FromResult(condition()), TimeSpan.FromSeconds(10), "the publisher to catch up");
    }
}
