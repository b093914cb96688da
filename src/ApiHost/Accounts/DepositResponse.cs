using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary>The body of an admin deposit: the deposit and the account's balances now.</summary>
public sealed record DepositResponse(DepositBody Deposit, IReadOnlyDictionary<string, BalanceResponse> Balances);

/// <summary><c>{deposit_id, user_id, asset, amount, created_at}</c>; <c>amount</c> exactly as it was sent.</summary>
public sealed record DepositBody(string DepositId, string UserId, string Asset, string Amount, string CreatedAt)
{
    public static DepositBody From(DepositRecord d) => new(d.DepositId, d.UserId, d.Asset, Wire.Exact(d.Amount)!, Wire.Time(d.CreatedAt));
}
