namespace GridTokenX.Redis.Money;

/// <summary>An account as stored: a balance for every asset in <see cref="Assets.All"/> (zero when never touched).</summary>
public sealed record AccountSnapshot(string AccountId, IReadOnlyDictionary<string, AssetBalance> Balances, DateTimeOffset? UpdatedAt);
