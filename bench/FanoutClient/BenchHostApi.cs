using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>The bench host's own routes (bench/FanoutHost): the in-process broadcast and memory readings.</summary>
public sealed class BenchHostApi(HttpClient http)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The host's memory after a full GC; null when the host has no bench routes (a plain API host).</summary>
    public async Task<MemoryReading?> MemoryAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("bench/memory", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MemoryReading>(Options, cancellationToken) : null;
    }

    public async Task StartBroadcastAsync(string channel, double eventsPerSecond, double seconds, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"bench/broadcast?channel={Uri.EscapeDataString(channel)}&rate={eventsPerSecond}&seconds={seconds}");
        using var response = await http.PostAsync(new Uri(query, UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The host's thread-pool peak queue since the previous read; null from a host without bench routes.</summary>
    public async Task<ThreadPoolReading?> ThreadPoolAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("bench/threadpool", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ThreadPoolReading>(Options, cancellationToken) : null;
    }

    public async Task<BroadcastStatus?> BroadcastStatusAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<BroadcastStatus>(new Uri("bench/broadcast", UriKind.Relative), Options, cancellationToken);
}

public sealed record MemoryReading(long RssBytes, long GcHeapBytes, long GcCommittedBytes, long Connections);

public sealed record ThreadPoolReading(long PeakPendingWorkItems, int Threads, long CompletedWorkItems, int Gen0, int Gen1, int Gen2,
    double GcPauseMs, double LongestSampledGcPauseMs, IReadOnlyList<string> Collections, long AllocatedBytes,
    ArrivalAgeReading ArrivalAge, IReadOnlyList<string> TopAllocations);

/// <summary>Age of real events as they reached the host, before the fan-out (bench/FanoutHost/ArrivalAges.cs).</summary>
public sealed record ArrivalAgeReading(int Events, double P50Ms, double P99Ms, double MaxMs, double HandOverP50Ms, double HandOverP99Ms);

public sealed record BroadcastStatus(bool Running, string Channel, double EventsPerSecond, int Templates, long Published, double MaxLateMs);
