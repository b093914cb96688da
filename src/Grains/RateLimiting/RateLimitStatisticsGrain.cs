using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>The cluster's sums of the API hosts' rate-limit counts (<see cref="RateLimitStatisticsBook"/>); in memory.</summary>
[GrainType("ratelimitstatistics")]
public sealed class RateLimitStatisticsGrain : Grain, IRateLimitStatisticsGrain
{
    private readonly RateLimitStatisticsBook _book = new();

    public Task Add(IReadOnlyList<RateLimitCounts> counts)
    {
        _book.Add(counts);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RateLimitCounts>> Read(int top) => Task.FromResult(_book.Read(top));
}
