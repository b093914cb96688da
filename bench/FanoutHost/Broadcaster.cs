using System.Diagnostics;
using System.Globalization;
using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Tests.Realtime;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// The fan-out baseline: publishes to the in-process source at a fixed rate, evenly paced, with no Orleans or Redis
/// in between. Each event is a remembered real one with a fresh id ("bench-…", so clients can tell the two feeds
/// apart) and the wall clock at publication as its timestamp.
/// </summary>
public sealed class Broadcaster(LocalChannelSource publisher, EventTemplates templates, IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;

    public BroadcastStatus Status { get; private set; } = new(false, "", 0, 0, 0, 0);

    /// <summary>
    /// Starts a broadcast unless one is running (false when one is): <paramref name="eventsPerSecond"/> in all, taking the
    /// channels in turn, each replaying its own remembered events.
    /// </summary>
    public bool TryStart(IReadOnlyList<string> channels, double eventsPerSecond, double seconds)
    {
        lock (_gate)
        {
            if (!_running.IsCompleted) return false;
            var events = channels.Select(templates.For).ToArray();
            Status = new BroadcastStatus(true, string.Join(',', channels), eventsPerSecond, events.Sum(e => e.Length), 0, 0);
            _running = Task.Run(() => RunAsync([.. channels], events, eventsPerSecond, seconds, lifetime.ApplicationStopping));
            return true;
        }
    }

    private async Task RunAsync(string[] channels, WireEvent[][] events, double rate, double seconds, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * seconds);
        var interval = Stopwatch.Frequency / rate;
        long published = 0;
        double maxLateMs = 0;
        try
        {
            for (; published < total && !cancellationToken.IsCancellationRequested; published++)
            {
                var due = start + (long)(published * interval);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                // Task.Delay has ~1 ms granularity here; below that, publishing a hair early is harmless.
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
                maxLateMs = Math.Max(maxLateMs, -Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due).TotalMilliseconds);
                var turn = (int)(published % channels.Length);
                var own = events[turn];
                var template = own[published / channels.Length % own.Length];
                var id = "bench-" + published.ToString(CultureInfo.InvariantCulture);
                await publisher.PublishAsync(channels[turn], template with { Id = id, Timestamp = DateTimeOffset.UtcNow }, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping; the status below says how far it got.
        }
        finally
        {
            Status = Status with { Running = false, Published = published, MaxLateMs = maxLateMs };
        }
    }
}

public sealed record BroadcastStatus(bool Running, string Channel, double EventsPerSecond, int Templates, long Published, double MaxLateMs);
