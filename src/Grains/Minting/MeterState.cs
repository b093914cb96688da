using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.Grains.Minting;

/// <summary>What a meter grain persists: its registration and its latest reading (the next must be later).</summary>
[GenerateSerializer]
[Alias("gtx.minting.stored.MeterState")]
public sealed class MeterState
{
    [Id(0)]
    public Meter? Meter { get; set; }

    [Id(1)]
    public Reading? LastReading { get; set; }
}
