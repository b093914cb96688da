namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>Per asset, as of one instant: the sum of every account's total, what entered the system, and the difference (must be 0).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.ConservationReport")]
public sealed record ConservationReport([property: Id(0)] IReadOnlyList<AssetConservation> Assets, [property: Id(1)] DateTimeOffset CheckedAt);
