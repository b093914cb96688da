using System.Diagnostics.Metrics;
using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// Reads the conservation totals every <see cref="Period"/> and exports, per asset, <c>ledger_imbalance</c> (sum of
/// every account's total minus all deposits and mints; 0 unless money was created or lost) on the
/// <see cref="MeterName"/> meter. Polled rather than read in the gauge's callback, so a scrape never waits on Redis.
/// Readiness-neutral on purpose: a non-zero imbalance is an alarm for people, not a reason to stop serving.
/// </summary>
public sealed partial class ConservationMonitor : BackgroundService
{
    public const string MeterName = "GridTokenX.Money";
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private readonly IMoneyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ConservationMonitor> _logger;
    private volatile ConservationReport? _last;

    public ConservationMonitor(IMoneyStore store, TimeProvider time, IMeterFactory meters, ILogger<ConservationMonitor> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("ledger_imbalance", Observe, unit: "{asset unit}",
            description: "Sum of every account's total minus all deposits and mints, per asset (expected 0)");
    }

    /// <summary>The last totals read, null before the first read succeeded.</summary>
    public ConservationReport? Last => _last;

    public static ConservationReport Report(MoneyTotals totals, DateTimeOffset at) =>
        new([.. Assets.All.Select(a => new AssetConservation(a, totals.AccountTotals.GetValueOrDefault(a), totals.Sources.GetValueOrDefault(a),
            totals.Imbalance(a)))], at);

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = Report(await _store.GetTotalsAsync(cancellationToken), _time.GetUtcNow());
            _last = report;
            foreach (var asset in report.Assets.Where(a => a.Imbalance != 0)) LogImbalance(asset.Asset, asset.Imbalance, asset.AccountsTotal, asset.Sources);
        }
        catch (MoneyStoreUnavailableException ex)
        {
            // No new measurement: the gauge keeps the last one, and the Redis outage has its own alert.
            LogUnavailable(ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // The gauge is a double (metrics are); the exact figure is in the admin view.
    private IEnumerable<Measurement<double>> Observe() =>
        _last?.Assets.Select(a => new Measurement<double>((double)a.Imbalance, new KeyValuePair<string, object?>("asset", a.Asset))) ?? [];

    [LoggerMessage(Level = LogLevel.Critical, Message = "Money conservation broken for {Asset}: imbalance {Imbalance} (accounts {AccountsTotal}, sources {Sources})")]
    private partial void LogImbalance(string asset, decimal imbalance, decimal accountsTotal, decimal sources);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conservation check skipped: {Reason}")]
    private partial void LogUnavailable(string reason);
}
