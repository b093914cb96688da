using System.Diagnostics;
using System.Globalization;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Redis.Journal;
using Orleans.Serialization;
using StackExchange.Redis;

namespace GridTokenX.Bench.ActivationBench;

/// <summary>
/// Activates a market from its journal the way <see cref="OrderBookGrain"/>'s <c>OnActivateAsync</c> does: the journal
/// store's load, then <see cref="MarketRecovery.Recover"/> (events re-derived, as on a silo with event streams). Each
/// round starts from a collected heap, and the bytes Redis sent for the load are read from its own counters.
/// </summary>
internal sealed class ActivationProbe(IConnectionMultiplexer redis, MarketSpec spec, Serializer serializer)
{
    private readonly RedisJournalStore _store = new(redis);
    private readonly IServer _server = redis.GetServer(redis.GetEndPoints()[0]);

    public async Task<Round> ActivateAsync(CancellationToken cancellationToken)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        // Two readings of the counter back to back give the size of one reply to the reading itself.
        var before = await SentBytesAsync();
        var infoReply = await SentBytesAsync() - before;
        before += infoReply;

        var started = Stopwatch.GetTimestamp();
        var contents = await _store.LoadAsync(spec.Symbol, cancellationToken);
        var loaded = Stopwatch.GetTimestamp();
        var recovered = new MarketRecovery(serializer).Recover(spec, contents, deriveEvents: true);
        var done = Stopwatch.GetTimestamp();

        var sent = await SentBytesAsync() - before - infoReply;
        return new Round(recovered, contents.History.Count, sent,
            Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds, Stopwatch.GetElapsedTime(loaded, done).TotalMilliseconds);
    }

    private async Task<long> SentBytesAsync()
    {
        var stats = await _server.InfoAsync("stats");
        var value = stats.SelectMany(g => g).First(p => p.Key == "total_net_output_bytes").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <param name="Segments">History segments read from Redis.</param>
    /// <param name="BytesSent">What Redis sent for the load (replies, framing included).</param>
    public sealed record Round(RecoveredMarket Recovered, int Segments, long BytesSent, double LoadMs, double RecoverMs)
    {
        public double TotalMs => LoadMs + RecoverMs;
    }
}
