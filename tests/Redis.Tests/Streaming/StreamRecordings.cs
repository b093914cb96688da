using System.Collections.Concurrent;

namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>
/// Where subscriber grains write down what they receive. TestCluster silos run in the test process, so a static
/// survives the silo (and the grain activation) that recorded it being killed.
/// </summary>
public static class StreamRecordings
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, ConcurrentQueue<Received>>> Runs = new();

    public static void Record(Guid stream, StreamTestEvent item, string eventId) =>
        Runs.GetOrAdd(item.Run, static _ => new()).GetOrAdd(stream, static _ => new()).Enqueue(new Received(item.Sequence, eventId));

    public static IReadOnlyDictionary<Guid, Received[]> Of(string run) =>
        Runs.TryGetValue(run, out var streams) ? streams.ToDictionary(s => s.Key, s => s.Value.ToArray()) : new Dictionary<Guid, Received[]>();

    /// <summary>What a subscriber that drops duplicates by event id would have processed, in arrival order.</summary>
    public static int[] Distinct(IEnumerable<Received> received)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return received.Where(r => seen.Add(r.EventId)).Select(r => r.Sequence).ToArray();
    }

    public readonly record struct Received(int Sequence, string EventId);
}
