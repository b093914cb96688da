using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.ApiHost.CacheWarming;

public sealed record WarmingTaskResponse(string Name, string Strategy, string Priority, string Source, string KeyPattern, int TtlSeconds,
    IReadOnlyList<string> DependsOn, string State, WarmingRunResponse? LastRun, string? NextRunAt, double? SuccessRate)
{
    public static WarmingTaskResponse From(WarmingTaskStatus s) => new(s.Name, s.Strategy, s.Priority, s.Source, s.KeyPattern, s.TtlSeconds,
        s.DependsOn, s.State, WarmingRunResponse.From(s.LastRun), s.NextRunAt is { } next ? Wire.Time(next) : null, s.SuccessRate);
}
