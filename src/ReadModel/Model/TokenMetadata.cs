namespace GridTokenX.ReadModel.Model;

/// <summary>
/// API.md's <c>GET /api/v1/tokens/KWH</c>. <see cref="Holders"/> counts the distinct users who ever received a mint
/// (the read model sees mints, not balances or transfers, so it is not "users holding KWH now").
/// <see cref="Mints24h"/> counts mints with <c>minted_at</c> in (as_of − 24 h, as_of].
/// </summary>
public sealed record TokenMetadata(
    string Asset,
    decimal TotalMinted,
    long Mints,
    long Holders,
    long Mints24h,
    DateTimeOffset? LastMintAt,
    DateTimeOffset AsOf);
