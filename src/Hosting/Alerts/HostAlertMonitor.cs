using GridTokenX.Redis.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// Feeds this host's detectors: the Redis connection's events as they happen, and every check interval a memory
/// sample, the stream queues' delivery delays (silos reading Redis streams) and a re-check of held-back conditions.
/// </summary>
public sealed class HostAlertMonitor(IServiceProvider services, AlertRaiser raiser, IOptions<AlertsOptions> options, TimeProvider time)
    : BackgroundService
{
    private readonly AlertsOptions _options = options.Value;
    private IConnectionMultiplexer? _redis;
    private RedisConnectionDetector? _connection;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = services.GetService<IConnectionMultiplexer>();
        if (_redis is not null)
        {
            _connection = new RedisConnectionDetector(raiser, time, _options.Cooldown);
            _redis.ConnectionFailed += OnConnectionFailed;
            _redis.ConnectionRestored += OnConnectionRestored;
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is not null)
        {
            _redis.ConnectionFailed -= OnConnectionFailed;
            _redis.ConnectionRestored -= OnConnectionRestored;
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var memory = new MemoryDetector(raiser, time, _options);
        var streams = services.GetService<RedisStreamMetrics>();
        var delays = new MarketDataDelayDetector(raiser, time, _options.MarketDataDelayThreshold, _options.Cooldown);
        using var timer = new PeriodicTimer(_options.CheckInterval, time);
        do
        {
            if (memory.Enabled) memory.Sample(Environment.WorkingSet, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            if (streams is not null) delays.Check(streams.Delays());
            _connection?.Recheck();
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Only the connection commands use: a multiplexer's pub/sub connection is reported separately and this project
    // does not use pub/sub on it.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive) _connection?.Failed(e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive) _connection?.Restored(e.EndPoint?.ToString() ?? "?");
    }
}
