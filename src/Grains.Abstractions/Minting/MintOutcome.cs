namespace GridTokenX.Grains.Abstractions.Minting;

[GenerateSerializer]
[Alias("gtx.minting.MintOutcome")]
public enum MintOutcome
{
    Minted,

    /// <summary>Minted before (by this request's twin or an earlier one): <see cref="MintResult.Mint"/> is that first mint.</summary>
    AlreadyMinted,

    /// <summary>No such reading, or not the caller's.</summary>
    NotFound,

    /// <summary>The wallet lock could not be had (no lock quorum, or held throughout the wait) or was lost; nothing applied.</summary>
    LockUnavailable,

    /// <summary>The money store did not answer; the mint may or may not have been applied, and a retry settles which.</summary>
    StoreUnavailable,
}
