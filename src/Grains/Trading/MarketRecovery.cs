using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using Orleans.Serialization;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Rebuilds a market from what its journal holds: the latest checkpoint (history segments, resting orders, counters),
/// then every command journaled after it, replayed through the deterministic engine. The journal is the events'
/// outbox, so for the batches after the published head it re-derives the events a crash may have left unpublished:
/// same derivation, same ids, same batch boundaries as when they were first applied.
/// </summary>
public sealed class MarketRecovery(Serializer serializer)
{
    /// <param name="deriveEvents">Re-derive unpublished events (false when the market does not publish).</param>
    /// <exception cref="InvalidOperationException">The journal is inconsistent; nothing may be served from it.</exception>
    public RecoveredMarket Recover(MarketSpec spec, JournalContents contents, bool deriveEvents)
    {
        var symbol = spec.Symbol;
        var market = contents.Snapshot is { } snapshot
            ? Market.Restore(spec, [.. contents.History.Select(Decode<MarketHistorySegment>)],
                [.. contents.Live.Values.Select(Decode<OrderRecord>)], Decode<MarketSnapshot>(snapshot))
            : contents.History.Count == 0 ? new Market(spec)
            : throw new InvalidOperationException($"Journal of {symbol} has history but no checkpoint.");
        // Journals written before events existed have no published head: nothing before the checkpoint can be re-derived.
        var publishedHead = Math.Max(contents.PublishedHead, contents.SnapshotSequence);

        var replayed = 0;
        var unpublished = new List<UnpublishedBatch>();
        foreach (var batch in contents.Batches)
        {
            var events = new List<ChannelEvent>();
            foreach (var command in Decode<MarketBatch>(batch.Data).Commands)
            {
                if (command.Sequence <= market.Sequence) continue;
                if (command.Sequence > publishedHead && deriveEvents) events.AddRange(ApplyWithEvents(market, command));
                else market.Apply(command);
                replayed++;
            }

            if (batch.LastSequence > publishedHead && deriveEvents)
            {
                events.Add(MarketEventBuilder.BookAfterBatch(market));
                unpublished.Add(new UnpublishedBatch(batch.LastSequence, events));
            }
        }

        if (market.Sequence != contents.Head)
            throw new InvalidOperationException($"Market {symbol} rebuilt to sequence {market.Sequence}, journal head is {contents.Head}.");
        return new RecoveredMarket(market, publishedHead, unpublished, replayed);

        T Decode<T>(ReadOnlyMemory<byte> bytes) where T : class =>
            serializer.Deserialize<T>(bytes) ?? throw new InvalidOperationException($"Journal of {symbol} holds an empty {typeof(T).Name}.");
    }

    private static List<ChannelEvent> ApplyWithEvents(Market market, MarketCommand command) => command switch
    {
        PlaceCommand place => MarketEventBuilder.ForPlace(market, market.Place(place)),
        CancelCommand cancel => MarketEventBuilder.ForCancel(market, market.Cancel(cancel)),
        _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
    };
}
