using System.Diagnostics.Metrics;
using GridTokenX.Grains.Accounts;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTokenX.Grains.Tests.Accounts;

public sealed class ConservationMonitorTests
{
    [Fact]
    public async Task The_ledger_imbalance_gauge_reports_each_asset_and_shows_money_made_from_nothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var store = new InMemoryMoneyStore();
        var monitor = new ConservationMonitor(store, TimeProvider.System, services.GetRequiredService<IMeterFactory>(),
            NullLogger<ConservationMonitor>.Instance);
        var at = DateTimeOffset.UnixEpoch;
        await store.ApplyAsync([new MoneyWrite("deposit:1", "f", [new MoneyLeg("alice", Assets.Usd, LedgerKinds.Deposit, 5m, 0m, "1")], [], [],
            new Dictionary<string, decimal> { [Assets.Usd] = 5m }, "", at)], CancellationToken.None);

        await monitor.CheckAsync(CancellationToken.None);
        Assert.Equal(new Dictionary<string, double> { ["USD"] = 0, ["KWH"] = 0 }, Observe());

        // A write that credits without a source: the bug the gauge exists to catch.
        await store.ApplyAsync([new MoneyWrite("bug", "f", [new MoneyLeg("alice", Assets.Kwh, LedgerKinds.Mint, 2.5m, 0m, "x")], [], [],
            new Dictionary<string, decimal>(), "", at)], CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);

        Assert.Equal(new Dictionary<string, double> { ["USD"] = 0, ["KWH"] = 2.5 }, Observe());
        Assert.Equal(2.5m, monitor.Last!.Assets.Single(a => a.Asset == Assets.Kwh).Imbalance);
    }

    private static Dictionary<string, double> Observe()
    {
        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConservationMonitor.MeterName && instrument.Name == "ledger_imbalance") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => seen[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
