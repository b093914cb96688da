namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>One asset of a wallet as a mint left it (the response's <c>balances</c>).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.WalletBalance")]
public sealed record WalletBalance([property: Id(0)] string Asset, [property: Id(1)] decimal Available, [property: Id(2)] decimal Reserved);
