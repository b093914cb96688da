using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.Grains.Minting;

/// <summary>What a reading grain persists. The money store, not this, is the truth about the mint: this copies it.</summary>
[GenerateSerializer]
[Alias("gtx.minting.stored.ReadingState")]
public sealed class ReadingState
{
    [Id(0)]
    public Reading? Reading { get; set; }

    [Id(1)]
    public Mint? Mint { get; set; }

    /// <summary>Whether <c>tokens_minted</c> went onto the owner's stream (a later mint request retries it if not).</summary>
    [Id(2)]
    public bool Published { get; set; }

    /// <summary>The owner's available KWH as the mint left it (null when this grain learnt of the mint only later).</summary>
    [Id(3)]
    public decimal? AvailableKwhAfter { get; set; }

    /// <summary>Whether the mint reached the read model (a later mint request retries it if not).</summary>
    [Id(4)]
    public bool Projected { get; set; }
}
