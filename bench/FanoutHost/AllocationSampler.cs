using System.Diagnostics.Tracing;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// The runtime's allocation ticks (one about every 100 KB allocated, naming the type that crossed the mark), summed
/// by type: which objects make the garbage collector run, without a profiler on the machine.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Lock _gate = new();
    private Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null) return;
        var typeName = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload![t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload![a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_gate) _bytesByType[typeName] = _bytesByType.GetValueOrDefault(typeName) + amount;
    }

    /// <summary>The types that took the most bytes since the previous call, largest first, as "MiB type".</summary>
    public IReadOnlyList<string> ReadAndReset(int top)
    {
        Dictionary<string, long> bytes;
        lock (_gate) (bytes, _bytesByType) = (_bytesByType, new Dictionary<string, long>(StringComparer.Ordinal));
        return [.. bytes.OrderByDescending(p => p.Value).Take(top).Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Value / 1048576.0,7:F1} MiB {p.Key}"))];
    }
}
