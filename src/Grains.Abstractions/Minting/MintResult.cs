namespace GridTokenX.Grains.Abstractions.Minting;

/// <param name="Balances">Minted only: the owner's balances just after the mint, one per asset.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.MintResult")]
public sealed record MintResult(
    [property: Id(0)] MintOutcome Outcome,
    [property: Id(1)] Mint? Mint,
    [property: Id(2)] IReadOnlyList<WalletBalance> Balances)
{
    public static MintResult Of(MintOutcome outcome, Mint? mint = null) => new(outcome, mint, []);
}
