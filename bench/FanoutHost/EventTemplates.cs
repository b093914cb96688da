using System.Text.Json;
using GridTokenX.ApiHost.Realtime;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// The first events the real source delivered, per channel: the baseline replays them, so it sends the same
/// event types in the same mix and with the same payload sizes as the Orleans path did.
/// </summary>
/// <remarks>
/// Kept once, not replaced as events go on arriving: templates that each lived for the next 64 events of their
/// channel (about 13 s) were the API host's main medium-lived objects, promoted by every collection (9 MiB a time at
/// 10,000 sockets). That made the Orleans phase measure the recorder's garbage-collection pauses, which a
/// production host does not have.
/// </remarks>
public sealed class EventTemplates
{
    private const int Capacity = 64;
    private readonly Dictionary<string, Queue<WireEvent>> _recent = new(StringComparer.Ordinal);

    // Only when the baseline runs before any real event: a small price_update, so there is something to send.
    private static readonly WireEvent Fallback = new("fallback", "price_update",
        JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["symbol"] = "ENERGY-USD",
            ["price"] = "0.1000",
            ["change_percent_24h"] = "0.00",
        }), DateTimeOffset.UnixEpoch);

    public void Remember(string channel, WireEvent wireEvent)
    {
        lock (_recent)
        {
            if (!_recent.TryGetValue(channel, out var queue)) _recent[channel] = queue = new Queue<WireEvent>(Capacity);
            if (queue.Count < Capacity) queue.Enqueue(wireEvent);
        }
    }

    /// <summary>The remembered events of a channel, oldest first; the fallback event when there are none.</summary>
    public WireEvent[] For(string channel)
    {
        lock (_recent)
        {
            return _recent.TryGetValue(channel, out var queue) && queue.Count > 0 ? [.. queue] : [Fallback];
        }
    }
}
