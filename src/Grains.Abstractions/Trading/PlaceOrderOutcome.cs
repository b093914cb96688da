namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.PlaceOrderOutcome")]
public enum PlaceOrderOutcome : byte
{
    /// <summary>A new order was accepted and is durable.</summary>
    Created,
    /// <summary>The same user already placed this client_order_id with the same body: the original is returned.</summary>
    Duplicate,
    /// <summary>The client_order_id was used before with a different body; nothing was created.</summary>
    ClientOrderIdConflict,
    /// <summary>The command does not fit the market (precision, range); nothing was created.</summary>
    Rejected,
    /// <summary>The account lacks what the order must reserve; nothing was reserved or placed.</summary>
    InsufficientFunds,
}
