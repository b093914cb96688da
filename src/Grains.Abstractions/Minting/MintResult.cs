using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <param name="Account">Minted only: the owner's account just after the mint.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.MintResult")]
public sealed record MintResult(
    [property: Id(0)] MintOutcome Outcome,
    [property: Id(1)] Mint? Mint,
    [property: Id(2)] AccountView? Account)
{
    public static MintResult Of(MintOutcome outcome, Mint? mint = null) => new(outcome, mint, null);
}
