namespace GridTokenX.Grains.Trading.Matching;

public enum OrderKind : byte
{
    Limit,
    Market,
}
