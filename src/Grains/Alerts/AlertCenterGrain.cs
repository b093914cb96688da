using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Abstractions.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;

namespace GridTokenX.Grains.Alerts;

/// <summary>
/// The alert center: publishes each new alert on <c>system:alerts</c> and keeps the recent ones for the admin listing.
/// Publishing is what a raise waits for; persisting is best-effort and runs behind it, so a storage outage (the
/// very thing a <c>redis_connection_lost</c> alert reports) neither loses an alert's publication nor fails its raise.
/// </summary>
// Fixed so that renaming the class never moves its grains or their stored state.
[GrainType("alertcenter")]
public sealed partial class AlertCenterGrain(TimeProvider time, ILogger<AlertCenterGrain> logger) : Grain, IAlertCenterGrain
{
    private const string StateName = "alerts";
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxPersistBackoff = TimeSpan.FromSeconds(30);

    private readonly AlertHistory _published = new(AlertCenter.Capacity);
    // Accepted but not yet on the stream (the caller was told to retry): listed, not persisted.
    private readonly Dictionary<string, Alert> _unpublished = new(StringComparer.Ordinal);
    private readonly GrainState<AlertCenterState> _state = new(new AlertCenterState());
    private IAsyncStream<ChannelEvent>? _stream;
    private IGrainStorage? _storage;
    private bool _dirty;
    private Task? _persisting;
    private bool _deactivating;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = ServiceProvider.GetKeyedService<IStreamProvider>(ChannelStreams.ProviderName);
        if (streams is null) LogNoStreams();
        var (ns, key) = ChannelStreams.For(ChannelNames.SystemAlerts);
        _stream = streams?.GetStream<ChannelEvent>(StreamId.Create(ns, key));
        _storage = ServiceProvider.GetService<IGrainStorage>();
        if (_storage is null) return;
        try
        {
            await _storage.ReadStateAsync(StateName, this.GetGrainId(), _state).WaitAsync(StorageTimeout, cancellationToken);
            foreach (var alert in _state.State?.Alerts ?? []) _published.Add(alert);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Start empty rather than not at all: new alerts matter more than the listing of old ones.
            LogReadFailed(ex);
            _state.State = new AlertCenterState();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_persisting is null) return;
        try
        {
            await _persisting.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Best-effort: the alerts were published; only the listing after a restart misses them.
        }
        finally
        {
            _deactivating = true;
        }
    }

    public async Task Raise(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_published.Contains(alert.Id)) return;
        _unpublished[alert.Id] = alert;
        if (_stream is not null)
        {
            var e = new ChannelEvent(alert.Id, ChannelNames.SystemAlerts, EventTypes.Alert, alert.RaisedAt.ToUnixTimeMilliseconds(),
                alert.RaisedAt, new AlertPayload(alert));
            await _stream.OnNextAsync(e);
        }

        _unpublished.Remove(alert.Id);
        if (!_published.Add(alert)) return;
        _dirty = true;
        _persisting ??= PersistAsync();
    }

    public Task<IReadOnlyList<Alert>> Recent(int limit) =>
        Task.FromResult<IReadOnlyList<Alert>>(_published.Newest(Math.Clamp(limit, 1, AlertCenter.Capacity), _unpublished.Values));

    // One write in flight; raises meanwhile are folded into the next. Runs on the grain's scheduler.
    private async Task PersistAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (_dirty && _storage is not null && !_deactivating)
        {
            _dirty = false;
            _state.State = new AlertCenterState { Alerts = _published.ToList() };
            try
            {
                await _storage.WriteStateAsync(StateName, this.GetGrainId(), _state).WaitAsync(StorageTimeout);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (InconsistentStateException)
            {
                // Another activation (membership change) or a write whose reply was lost got there first: merge and retry.
                await MergeStoredAsync();
                _dirty = true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogWriteFailed(ex, backoff.TotalMilliseconds);
                _dirty = true;
                // Awaited inside the grain, so the retry resumes on the grain's scheduler (one turn at a time, with
                // the state it guards); a Polly pipeline could resume it on the thread pool, beside other turns.
                await Task.Delay(backoff, time);
                backoff = TimeSpan.FromTicks(Math.Min(MaxPersistBackoff.Ticks, backoff.Ticks * 2));
            }
        }

        _persisting = null;
    }

    private async Task MergeStoredAsync()
    {
        var stored = new GrainState<AlertCenterState>(new AlertCenterState());
        try
        {
            await _storage!.ReadStateAsync(StateName, this.GetGrainId(), stored).WaitAsync(StorageTimeout);
            foreach (var alert in stored.State?.Alerts ?? []) _published.Add(alert);
            _state.ETag = stored.ETag;
            _state.RecordExists = stored.RecordExists;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReadFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No stream provider '" + ChannelStreams.ProviderName + "': alerts are kept but not published")]
    private partial void LogNoStreams();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the stored alerts; starting with an empty list")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the recent alerts; retrying in {BackoffMs} ms")]
    private partial void LogWriteFailed(Exception exception, double backoffMs);
}
