namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>
/// The market could not make the request durable (storage down, or the grain lost ownership of its journal).
/// Nothing was acknowledged; the request may be retried, and with a client_order_id the retry is safe.
/// </summary>
[GenerateSerializer]
[Alias("gtx.trading.MarketUnavailableException")]
public sealed class MarketUnavailableException : Exception
{
    public MarketUnavailableException() { }

    public MarketUnavailableException(string message) : base(message) { }

    public MarketUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
