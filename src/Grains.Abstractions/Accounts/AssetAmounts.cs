namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>One asset of an account, exact (never rounded).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.AssetAmounts")]
public sealed record AssetAmounts([property: Id(0)] decimal Available, [property: Id(1)] decimal Reserved)
{
    public decimal Total => Available + Reserved;
}
