namespace GridTokenX.Grains.Abstractions.Accounts;

[GenerateSerializer]
[Alias("gtx.accounts.DepositOutcome")]
public enum DepositOutcome
{
    /// <summary>Applied now (201).</summary>
    Created,

    /// <summary>This deposit id was applied before with the same account, asset and amount (200 with the original).</summary>
    Duplicate,

    /// <summary>This deposit id was applied before with something else (409 with the original).</summary>
    Conflict,

    /// <summary>Refused by <see cref="DepositRules"/> (400); nothing changed.</summary>
    Invalid,

    /// <summary>The account's lock or the money store could not be had in time (503, retry with the same deposit id).</summary>
    Unavailable,
}
