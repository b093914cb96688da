using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Grains.Settlement;

/// <summary>Bound from <c>GridTokenX:Settlement</c>.</summary>
public sealed class SettlementOptions : IValidatableObject
{
    public const string Section = "GridTokenX:Settlement";

    /// <summary>
    /// Charged to each side of a trade on its value. An order records the rate it reserved for and settles at it,
    /// so changing the setting applies to new orders only and never leaves a reservation short.
    /// </summary>
    [Range(typeof(decimal), "0", "0.5", ErrorMessage = "GridTokenX:Settlement:FeeRate must be between 0 and 0.5.")]
    public decimal FeeRate { get; set; } = 0.01m;

    /// <summary>Trades settled in one pass (one lock per account they touch, one store round trip).</summary>
    [Range(1, 10_000, ErrorMessage = "GridTokenX:Settlement:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 256;

    /// <summary>How long a settlement pass waits for each account lock before it backs off and retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "GridTokenX:Settlement:LockWait must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between retries while locks or the store cannot be had.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "GridTokenX:Settlement:MaxRetryDelay must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (decimal.Round(FeeRate, 4) != FeeRate)
            yield return new ValidationResult("GridTokenX:Settlement:FeeRate must have at most 4 decimals.", [nameof(FeeRate)]);
    }
}
