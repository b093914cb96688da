using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.Grains.Minting;

/// <summary>What <see cref="Minter"/> did.</summary>
/// <param name="AvailableKwhAfter">Minted only: the owner's available KWH as the mint's own ledger entry left it.</param>
public sealed record MintAttempt(MintResult Result, decimal? AvailableKwhAfter = null);
