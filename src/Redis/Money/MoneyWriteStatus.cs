namespace GridTokenX.Redis.Money;

public enum MoneyWriteStatus
{
    /// <summary>Applied now.</summary>
    Applied,

    /// <summary>Applied before with the same fingerprint; nothing changed now.</summary>
    Duplicate,

    /// <summary>The operation id was used before with a different fingerprint; nothing changed.</summary>
    Conflict,

    /// <summary>A leg would have left a balance (or a reservation) negative; nothing changed.</summary>
    InsufficientFunds,

    /// <summary>An account has accepted a larger fencing token for one of the write's locks; nothing changed.</summary>
    StaleFence,
}
