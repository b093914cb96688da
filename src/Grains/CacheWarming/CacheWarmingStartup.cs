using GridTokenX.Grains.Abstractions.CacheWarming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// When this silo becomes active: starts every task's schedule and runs the start-up tasks, in the background so the
/// silo's start never waits on a source. Each silo does it (a task runs again at each silo's start; that is harmless).
/// </summary>
public sealed partial class CacheWarmingStartup(IGrainFactory grains, IOptions<CacheWarmingOptions> options, ILogger<CacheWarmingStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private Task? _running;

    /// <summary>The background start, for tests; null before the silo became active or with warming off.</summary>
    public Task? Running => _running;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(CacheWarmingStartup), ServiceLifecycleStage.Active, _ =>
        {
            if (options.Value.Enabled) _running = Task.Run(StartAsync);
            return Task.CompletedTask;
        });
    }

    private async Task StartAsync()
    {
        try
        {
            await grains.GetCacheWarmingCoordinator().Start();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogStartFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache warming could not start its tasks")]
    private partial void LogStartFailed(Exception exception);
}
