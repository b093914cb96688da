namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.CancelReason")]
public enum CancelReason : byte
{
    None,
    UserRequested,
    IocRemainder,
    FokUnfilled,
    SelfTrade,
    NoLiquidity,
}
