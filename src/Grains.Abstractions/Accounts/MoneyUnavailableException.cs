namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>The money store did not answer; nothing is known to have changed, and a retry is safe (writes are idempotent).</summary>
[GenerateSerializer]
[Alias("gtx.accounts.MoneyUnavailableException")]
public sealed class MoneyUnavailableException : Exception
{
    public MoneyUnavailableException() { }

    public MoneyUnavailableException(string message) : base(message) { }

    public MoneyUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
