using System.Globalization;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Accounts;

/// <summary>The store writes that open and release an order's reservation. Both are idempotent by the order id.</summary>
public static class ReservationWrites
{
    private static readonly IReadOnlyDictionary<string, decimal> NoSources = new Dictionary<string, decimal>();

    public static string ReserveId(string orderId) => "reserve:" + orderId;

    public static string ReleaseId(string orderId) => "release:" + orderId;

    /// <summary>Moves <paramref name="amount"/> from available to reserved for the order; refused when not available.</summary>
    public static MoneyWrite Reserve(string orderId, string userId, string asset, decimal amount, DateTimeOffset at) =>
        new(ReserveId(orderId), Fingerprint(userId, asset, amount),
            [new MoneyLeg(userId, asset, LedgerKinds.Reserve, -amount, amount, orderId)], [],
            [new ReservationChange(userId, orderId, asset, amount)], NoSources, "", at);

    /// <summary>Hands back what the order reserved and can no longer spend.</summary>
    public static MoneyWrite Release(string orderId, string userId, string asset, decimal amount, DateTimeOffset at) =>
        new(ReleaseId(orderId), Fingerprint(userId, asset, amount),
            [new MoneyLeg(userId, asset, LedgerKinds.Release, amount, -amount, orderId)], [],
            [new ReservationChange(userId, orderId, asset, -amount)], NoSources, "", at);

    /// <summary>The faucet's one-off deposit (<see cref="FaucetOptions"/>).</summary>
    public static MoneyWrite Faucet(string userId, string asset, decimal amount, DateTimeOffset at)
    {
        var id = $"faucet:{userId}:{asset}";
        return new(id, Fingerprint(userId, asset, amount), [new MoneyLeg(userId, asset, LedgerKinds.Deposit, amount, 0m, id)], [], [],
            new Dictionary<string, decimal> { [asset] = amount }, "", at);
    }

    private static string Fingerprint(string userId, string asset, decimal amount) =>
        string.Create(CultureInfo.InvariantCulture, $"{userId}|{asset}|{amount}");
}
