namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum CancelReason : byte
{
    None,
    UserRequested,
    IocRemainder,
    FokUnfilled,
    SelfTrade,
    NoLiquidity,
}
