using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Grains.Trading;

/// <summary>Bound from <c>GridTokenX:Trading</c>.</summary>
public sealed class TradingOptions
{
    public const string Section = "GridTokenX:Trading";

    /// <summary>
    /// A snapshot is written with the journal batch once this many commands have been journaled since the last
    /// one, which bounds how much an activation replays.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "GridTokenX:Trading:SnapshotEvery must be between 1 and 10000000.")]
    public int SnapshotEvery { get; set; } = 5_000;

    /// <summary>
    /// Back-pressure: once this many durable commands wait to have their events published, new commands wait for
    /// publication to catch up (and are refused as retryable after <see cref="PublicationWait"/>). Events are
    /// never dropped to keep up, so without a bound a market could acknowledge far more than it can tell anyone
    /// about, and its checkpoints (which wait for publication) would stop.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "GridTokenX:Trading:MaxUnpublished must be between 1 and 10000000.")]
    public int MaxUnpublished { get; set; } = 20_000;

    /// <summary>How long a command waits for publication to catch up before it is refused (503, retryable).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "GridTokenX:Trading:PublicationWait must be positive and at most 00:01:00.")]
    public TimeSpan PublicationWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a market keeps a final order or a trade in memory and in its Redis history once the read model durably
    /// holds it (and settlement has settled it); older ones are served from the read model. At least a day: the
    /// ticker's 24-hour window and the client_order_id idempotency window are rebuilt from what is retained.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "GridTokenX:Trading:HistoryRetention must be between 1.00:00:00 (one day) and 3650.00:00:00.")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(1);
}
