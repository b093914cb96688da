namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum CancelOrderOutcome : byte
{
    Cancelled,
    AlreadyFinal,
    NotFound,
}
