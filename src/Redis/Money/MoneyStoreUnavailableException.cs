namespace GridTokenX.Redis.Money;

/// <summary>The money store could not be reached or did not answer in time; whether a write was applied is unknown
/// to the caller, which retries it with the same operation id (writes are idempotent).</summary>
public sealed class MoneyStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
