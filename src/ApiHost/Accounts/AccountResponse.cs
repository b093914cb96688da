using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary>API.md "Accounts": <c>{user_id, balances: {USD: {...}, KWH: {...}}, updated_at}</c>; the fees account shows as <c>fees</c>.</summary>
public sealed record AccountResponse(string UserId, IReadOnlyDictionary<string, BalanceResponse> Balances, string? UpdatedAt)
{
    public static AccountResponse From(AccountView account) =>
        new(account.AccountId == AccountIds.Fees ? AccountIds.FeesAlias : account.AccountId, BalancesOf(account), account.UpdatedAt is { } at ? Wire.Time(at) : null);

    public static IReadOnlyDictionary<string, BalanceResponse> BalancesOf(AccountView account) =>
        AccountAssets.All.ToDictionary(a => a, a => BalanceResponse.From(account.Balances.GetValueOrDefault(a) ?? new AssetAmounts(0m, 0m)), StringComparer.Ordinal);
}

/// <summary>One asset: exact decimal strings with the scale the operations that made them gave (<c>"12.3456789"</c>).</summary>
public sealed record BalanceResponse(string Available, string Reserved, string Total)
{
    public static BalanceResponse From(AssetAmounts amounts) =>
        new(Wire.Exact(amounts.Available)!, Wire.Exact(amounts.Reserved)!, Wire.Exact(amounts.Total)!);
}
