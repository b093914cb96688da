namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>One asset of a <see cref="ConservationReport"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.AssetConservation")]
public sealed record AssetConservation(
    [property: Id(0)] string Asset,
    [property: Id(1)] decimal AccountsTotal,
    [property: Id(2)] decimal Sources,
    [property: Id(3)] decimal Imbalance);
