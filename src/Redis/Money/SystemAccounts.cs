namespace GridTokenX.Redis.Money;

/// <summary>Accounts that belong to the exchange, not a user. Their ids cannot be user ids (which match
/// <c>^[A-Za-z0-9_-]{1,64}$</c>), so no user can ever be handed one.</summary>
public static class SystemAccounts
{
    /// <summary>Collects fees; the admin routes call it <c>fees</c>.</summary>
    public const string Fees = "@fees";
}
