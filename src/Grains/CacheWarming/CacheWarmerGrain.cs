using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;
using GridTokenX.Redis.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// One warming task (keyed by its name), a thin shell around the planner's pieces: a reminder keeps the schedule across
/// silos (it re-activates the grain wherever it lives now), a timer runs the task at its interval while the grain is
/// active, and each run goes through <see cref="WarmingExecutor"/> into the read cache. Runs are kept (last 100) in
/// grain state, written best-effort after each run.
/// </summary>
[GrainType("gtx.cache-warmer")]
public sealed partial class CacheWarmerGrain(
    [PersistentState("cache-warmer")] IPersistentState<CacheWarmerState> state,
    WarmingPlan plan, WarmingSources sources, IReadCache cache, TimeProvider time, IOptions<CacheWarmingOptions> options,
    ILogger<CacheWarmerGrain> logger) : Grain, ICacheWarmerGrain, IRemindable
{
    private const string ReminderName = "schedule";

    private readonly RunHistory _history = new();
    private readonly HashSet<string> _onDemand = new(StringComparer.Ordinal);
    private WarmingTask _task = null!;
    private AccessPatternTracker? _accesses;
    private OnDemandTrigger? _misses;
    private IGrainTimer? _timer;
    private DateTimeOffset? _nextRunAt;
    private bool _running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        if (!plan.TryGet(name, out _task)) return Task.CompletedTask;
        foreach (var run in state.State.Runs) _history.Add(run);
        if (_task.Strategy == WarmingStrategy.AccessPattern) _accesses = new AccessPatternTracker(_task.AccessThreshold, _task.AccessWindow);
        if (_task.Strategy == WarmingStrategy.OnDemand) _misses = new OnDemandTrigger(_task.MissThreshold, _task.PrefetchFactor);
        // Activated by its reminder after the silo that held it died (or by anything else): the schedule resumes here.
        StartTimer();
        return Task.CompletedTask;
    }

    public async Task Start()
    {
        EnsureKnown();
        StartTimer();
        if (_task.Interval is null) return;
        var period = options.Value.ReminderPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder's work is the activation itself (OnActivateAsync starts the timer); an unknown task stops it.
        if (_task is null) return UnregisterAsync();
        StartTimer();
        return Task.CompletedTask;
    }

    public Task<WarmingRun> Run(string trigger)
    {
        EnsureKnown();
        return RunAsync(trigger, keys: null);
    }

    public async Task ReportAccesses(IReadOnlyList<CacheKeyAccess> accesses)
    {
        EnsureKnown();
        var now = time.GetUtcNow();
        foreach (var access in accesses.Where(a => _task.KeyPattern.Matches(a.Key)))
        {
            _accesses?.Record(access.Key, access.Reads, now);
            if (_misses is not null) _onDemand.UnionWith(_misses.Record(access.Key, access.Misses));
        }

        if (_onDemand.Count == 0 || _running) return;
        var keys = _onDemand.ToList();
        _onDemand.Clear();
        await RunAsync("on_demand", keys);
    }

    public Task<WarmingTaskStatus> GetStatus()
    {
        EnsureKnown();
        return Task.FromResult(new WarmingTaskStatus(_task.Name, WireNames.Of(_task.Strategy), WireNames.Of(_task.Priority), WireNames.Of(_task.Source.Kind),
            _task.KeyPattern.Text, (int)_task.Ttl.TotalSeconds, _task.DependsOn, _running ? "running" : "idle", _history.Last, _nextRunAt,
            _history.SuccessRate()));
    }

    public Task<IReadOnlyList<WarmingRun>> GetHistory(int limit)
    {
        EnsureKnown();
        return Task.FromResult(_history.Recent(limit));
    }

    private void StartTimer()
    {
        if (_timer is not null || _task.Interval is not { } interval) return;
        _nextRunAt = time.GetUtcNow() + interval;
        _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _nextRunAt = time.GetUtcNow() + _task.Interval!.Value;
        if (_running) return;
        IReadOnlyCollection<string>? keys = null;
        if (_accesses is not null)
        {
            keys = _accesses.Due(time.GetUtcNow());
            // Nothing hot: nothing to warm, and no run to record.
            if (keys.Count == 0) return;
        }

        await RunAsync("schedule", keys, cancellationToken);
    }

    private async Task<WarmingRun> RunAsync(string trigger, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken = default)
    {
        _running = true;
        WarmingRun run;
        try
        {
            run = await WarmingExecutor.RunAsync(_task.Retry, trigger,
                ct => EntryWriter.WriteAsync(cache, sources.For(_task.Source.Kind), _task, keys, time, ct), time, cancellationToken);
        }
        finally
        {
            _running = false;
        }

        if (run.Outcome == WarmingOutcomes.Failed) LogFailed(_task.Name, run.Attempts, run.Error);
        _history.Add(run);
        await PersistAsync();
        return run;
    }

    private async Task PersistAsync()
    {
        try
        {
            state.State.Runs = [.. _history.All()];
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The run happened and is listed; only its survival across a silo loss is lost. The next run tries again.
            LogPersistFailed(ex, _task.Name);
        }
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    private void EnsureKnown()
    {
        if (_task is null) throw new KeyNotFoundException($"No warming task '{this.GetPrimaryKeyString()}'.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache warming task {Task} failed after {Attempts} attempts: {Error}")]
    private partial void LogFailed(string task, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache warming task {Task}: its run history could not be stored")]
    private partial void LogPersistFailed(Exception exception, string task);
}
