namespace GridTokenX.Redis.Locking;

/// <summary>The lock resources of API.md "Locks".</summary>
public static class LockResources
{
    /// <summary>An account's balances, for settlement and deposits.</summary>
    public static string Account(string accountId) => "account:" + accountId;

    /// <summary>A user's wallet, for minting.</summary>
    public static string Wallet(string userId) => "wallet:" + userId;
}
