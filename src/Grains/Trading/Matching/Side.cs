namespace GridTokenX.Grains.Trading.Matching;

public enum Side : byte
{
    Buy,
    Sell,
}
