namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// One way of moving <see cref="BenchEvent"/>s through Redis: started once per pulling period and reused by every
/// scenario of that period; its subscriber reports to <see cref="DeliveryLog.Current"/>.
/// </summary>
public interface IStreamTransport : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Bytes of one Redis stream entry's data field for one event (the raw loop is sized to match).</summary>
    int EntryBytes { get; }

    Task PublishAsync(BenchEvent item, CancellationToken cancellationToken);
}
