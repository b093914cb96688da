namespace GridTokenX.Grains.Abstractions.Accounts;

/// <param name="Balances">Every asset of <see cref="AccountAssets.All"/>, zero when never touched.</param>
/// <param name="UpdatedAt">The last write to the account; null when there was none.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.AccountView")]
public sealed record AccountView(
    [property: Id(0)] string AccountId,
    [property: Id(1)] IReadOnlyDictionary<string, AssetAmounts> Balances,
    [property: Id(2)] DateTimeOffset? UpdatedAt);
