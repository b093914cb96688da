using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>The engine's enums are cast to the contract's by value; these hold the two lists in step.</summary>
public sealed class EngineMappingTests
{
    [Theory]
    [InlineData(typeof(EngineOrderStatus), typeof(OrderStatus))]
    [InlineData(typeof(EngineCancelReason), typeof(CancelReason))]
    [InlineData(typeof(GridTokenX.Grains.Trading.Matching.EngineTimeInForce), typeof(GridTokenX.Grains.Abstractions.Trading.TimeInForce))]
    [InlineData(typeof(Side), typeof(OrderSide))]
    [InlineData(typeof(OrderKind), typeof(OrderType))]
    public void Enum_members_line_up_by_value(Type engine, Type contract)
    {
        var engineMembers = Enum.GetValues(engine).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var contractMembers = Enum.GetValues(contract).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(engineMembers, contractMembers);
        if (engine != typeof(Side) && engine != typeof(OrderKind))
            Assert.Equal(Enum.GetNames(contract), Enum.GetNames(engine));
    }
}
