namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>A reading's energy credited to its owner, once. <paramref name="FencingToken"/> is the wallet lock's.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.Mint")]
public sealed record Mint(
    [property: Id(0)] string MintId,
    [property: Id(1)] string ReadingId,
    [property: Id(2)] string MeterId,
    [property: Id(3)] string UserId,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] long FencingToken,
    [property: Id(6)] DateTimeOffset MintedAt);
