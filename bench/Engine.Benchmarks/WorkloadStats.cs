namespace GridTokenX.Bench.Engine;

/// <summary>What the generated stream looked like when simulated, so RESULTS.md can show it matches the target mix.</summary>
public sealed record WorkloadStats(
    int Commands, int Gtc, int Ioc, int Cancels, int CommandsWithTrades,
    int PrefillOrders, int PrefillLevels, int MinResting, int MaxResting, int FinalResting, int FinalLevels)
{
    public double TradePercent => 100.0 * CommandsWithTrades / Commands;

    public override string ToString() =>
        $"commands={Commands} gtc={Gtc} ioc={Ioc} cancel={Cancels} withTrades={CommandsWithTrades} ({TradePercent:F1}%) " +
        $"prefill={PrefillOrders} orders/{PrefillLevels} levels, resting min/max/final={MinResting}/{MaxResting}/{FinalResting}, final levels={FinalLevels}";
}
