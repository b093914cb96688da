namespace GridTokenX.Grains.Trading.Matching;

public enum EngineCancelReason : byte
{
    None,
    UserRequested,
    IocRemainder,
    FokUnfilled,
    SelfTrade,
    NoLiquidity,
}
