using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.ApiHost.CacheWarming;

/// <summary>A run in a task's history: the <c>last_run</c> fields plus how many attempts it took and what started it.</summary>
public sealed record WarmingHistoryEntryResponse(string StartedAt, long DurationMs, int KeysWritten, string Outcome, string? Error, int Attempts,
    string Trigger)
{
    public static WarmingHistoryEntryResponse From(WarmingRun run) =>
        new(Wire.Time(run.StartedAt), run.DurationMs, run.KeysWritten, run.Outcome, run.Error, run.Attempts, run.Trigger);
}
