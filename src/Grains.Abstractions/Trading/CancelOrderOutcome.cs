namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.CancelOrderOutcome")]
public enum CancelOrderOutcome : byte
{
    Cancelled,
    AlreadyFinal,
    NotFound,
}
