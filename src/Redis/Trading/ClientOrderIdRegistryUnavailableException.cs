namespace GridTokenX.Redis.Trading;

/// <summary>
/// The registry could not be asked (its store is down or too slow); whether the id is free is unknown, so nothing
/// may be placed under it. Retryable.
/// </summary>
public sealed class ClientOrderIdRegistryUnavailableException(string message, Exception innerException) : Exception(message, innerException);
