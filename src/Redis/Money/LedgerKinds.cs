namespace GridTokenX.Redis.Money;

/// <summary>The <c>kind</c> of a ledger entry (API.md "Accounts").</summary>
public static class LedgerKinds
{
    public const string Deposit = "deposit";
    public const string Mint = "mint";
    public const string Reserve = "reserve";
    public const string Release = "release";
    public const string Trade = "trade";
    public const string Fee = "fee";
}
