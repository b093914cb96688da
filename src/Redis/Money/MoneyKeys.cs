using StackExchange.Redis;

namespace GridTokenX.Redis.Money;

/// <summary>
/// Where <see cref="RedisMoneyStore"/> keeps money. Every key carries the hash tag <c>{money}</c>, so on Redis Cluster
/// they all live in one slot and one script may change several accounts, the totals and the operation ids at once.
/// The price is that all money lives on one shard; docs/money.md says why that is the right trade.
/// </summary>
public static class MoneyKeys
{
    public const string Prefix = "gtx:{money}:";

    /// <summary>Operation id → fingerprint and stored result.</summary>
    public static readonly RedisKey Operations = Prefix + "ops";

    /// <summary><c>t:{asset}</c> sum of every account's total, <c>s:{asset}</c> everything that entered the system.</summary>
    public static readonly RedisKey Totals = Prefix + "totals";

    /// <summary>Every account id ever written.</summary>
    public static readonly RedisKey Accounts = Prefix + "accounts";

    /// <summary>Open reservations by last check time (unix ms).</summary>
    public static readonly RedisKey ReservationsDue = Prefix + "reservations:due";

    /// <summary>Open reservations: account and order → asset, remaining, created at.</summary>
    public static readonly RedisKey Reservations = Prefix + "reservations";

    /// <summary>Balances (<c>a:{asset}</c>, <c>r:{asset}</c>), the last ledger entry id (<c>seq</c>) and <c>at</c>.</summary>
    public static RedisKey Account(string accountId) => Prefix + "account:" + accountId;

    /// <summary>Ledger entries by entry id.</summary>
    public static RedisKey Ledger(string accountId) => Prefix + "ledger:" + accountId;

    /// <summary>The account's entry ids of one asset (score = entry id), for filtered paging.</summary>
    public static RedisKey LedgerIndex(string accountId, string asset) => Prefix + "ledger-index:" + asset + ":" + accountId;

    /// <summary>Lock resource → the largest fencing token the account accepted.</summary>
    public static RedisKey Fences(string accountId) => Prefix + "fences:" + accountId;

    /// <summary>The field of a reservation in <see cref="Reservations"/> and <see cref="ReservationsDue"/>: length-prefixed so any ids split back.</summary>
    public static string ReservationField(string accountId, string orderId) =>
        accountId.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + accountId + orderId;

    public static (string AccountId, string OrderId) ParseReservationField(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        var length = int.Parse(field.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        return (field.Substring(colon + 1, length), field[(colon + 1 + length)..]);
    }
}
