using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>One step of a random flow: a placement, or a cancel when <see cref="IsCancel"/>.</summary>
internal readonly record struct FlowCommand(bool IsCancel, long Id, string User, Side Side, OrderKind Kind, EngineTimeInForce Tif, long Price, long Qty)
{
    public override string ToString() =>
        IsCancel ? $"Cancel #{Id}" : $"Place #{Id} {User} {Side} {Kind} {Tif} {Qty}@{Price}";
}
