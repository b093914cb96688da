using System.Threading.Channels;
using GridTokenX.Grains.Abstractions.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// This host's way to the alert center: every alert is logged at once, queued, and delivered one at a time in the
/// order raised, retrying with backoff until the center takes it. So an alert raised while the cluster or Redis is
/// unreachable (<c>redis_connection_lost</c> itself) arrives, with its original time and id, once they are back.
/// Delivery retries through a Polly pipeline: this runs on the thread pool, outside any grain's scheduler.
/// </summary>
public sealed partial class AlertRaiser(IServiceProvider services, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertRaiser> logger)
    : BackgroundService, IAlertSink
{
    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // Built on first use: a field initializer cannot reach the logging methods. Only the one reader uses it.
    private ResiliencePipeline? _delivery;

    public string Source => options.Value.Source ?? "unknown";

    public void Raise(AlertKind kind, AlertSeverity severity, string message, IReadOnlyDictionary<string, string> details)
    {
        var now = time.GetUtcNow();
        var alert = new Alert(Guid.CreateVersion7(now).ToString("N"), kind, severity, message, details, Source, now);
        LogAlert(severity switch { AlertSeverity.Critical => LogLevel.Error, AlertSeverity.Warning => LogLevel.Warning, _ => LogLevel.Information },
            AlertNames.Kind(kind), AlertNames.Severity(severity), message, string.Join(", ", details.Select(d => d.Key + "=" + d.Value)), alert.Id);
        // Only full when the center has been unreachable for long: the newest alerts say more about now than the oldest.
        if (_queue.Reader.Count >= options.Value.QueueCapacity) LogDropped(options.Value.QueueCapacity);
        _queue.Writer.TryWrite(alert);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken)) await DeliverAsync(grains.GetAlertCenter(), alert, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (_queue.Reader.Count > 0) LogUndelivered(_queue.Reader.Count);
        }
    }

    private async Task DeliverAsync(IAlertCenterGrain center, Alert alert, CancellationToken stoppingToken)
    {
        var attempts = 0;
        await (_delivery ??= BuildDelivery()).ExecuteAsync(async token =>
        {
            attempts++;
            await center.Raise(alert).WaitAsync(token);
        }, stoppingToken);
        if (attempts > 1) LogDelivered(alert.Id, attempts);
    }

    // Until the center takes it (the queue bound is what limits how much waits), doubling from 100 ms up to
    // MaxRetryDelay. The raise is idempotent by alert id, so a retry after a lost reply records nothing twice.
    private ResiliencePipeline BuildDelivery() => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException and not OutOfMemoryException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = options.Value.MaxRetryDelay,
            OnRetry = args =>
            {
                if (args.AttemptNumber == 0 && args.Outcome.Exception is { } ex) LogDeliveryFailed(ex);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    [LoggerMessage(Message = "ALERT {Kind} ({Severity}): {Message} [{Details}] id={AlertId}")]
    private partial void LogAlert(LogLevel level, string kind, string severity, string message, string details, string alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert could not reach the alert center yet; retrying until it does")]
    private partial void LogDeliveryFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} reached the alert center after {Attempts} attempts")]
    private partial void LogDelivered(string alertId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Capacity} alerts are waiting for the alert center; dropping the oldest")]
    private partial void LogDropped(int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} alerts not delivered to the alert center (they were logged)")]
    private partial void LogUndelivered(int count);
}
