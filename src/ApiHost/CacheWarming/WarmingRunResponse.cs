using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.ApiHost.CacheWarming;

/// <summary>A task's run as <c>last_run</c> shows it (API.md "Cache warming").</summary>
public sealed record WarmingRunResponse(string StartedAt, long DurationMs, int KeysWritten, string Outcome, string? Error)
{
    public static WarmingRunResponse? From(WarmingRun? run) =>
        run is null ? null : new(Wire.Time(run.StartedAt), run.DurationMs, run.KeysWritten, run.Outcome, run.Error);
}
