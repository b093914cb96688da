using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>Bound from <c>GridTokenX:Minting</c> by both hosts: the API host refuses bad readings early, the silo decides.</summary>
public sealed class MintingOptions
{
    public const string Section = "GridTokenX:Minting";

    /// <summary>The largest <c>kwh</c> one reading may carry (API.md "Meters and minting").</summary>
    [Range(typeof(decimal), "0.001", "1000000000", ErrorMessage = "GridTokenX:Minting:MaxKwhPerReading must be between 0.001 and 1000000000.")]
    public decimal MaxKwhPerReading { get; set; } = 1000m;

    /// <summary>
    /// How long a mint waits for the owner's wallet lock before it answers 503: long enough to ride out a competing
    /// mint of the same wallet, short enough that a client without a lock quorum hears so quickly.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30", ErrorMessage = "GridTokenX:Minting:LockWait must be between 00:00:00.010 and 00:00:30.")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(2);
}
