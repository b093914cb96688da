namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>Parameters of a family of random flows: instrument range, where prices land, how many users.</summary>
public sealed record FlowShape(string Name, bool Dense, long MinPrice, long MaxPrice, long BandLow, long BandHigh, int Users, int Seeds)
{
    public override string ToString() => Name;
}
