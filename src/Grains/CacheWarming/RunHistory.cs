using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>The last <see cref="Capacity"/> runs of a task, oldest dropped first, and their success rate.</summary>
public sealed class RunHistory(int capacity = CacheWarmers.HistoryCapacity)
{
    private readonly LinkedList<WarmingRun> _runs = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _runs.Count;

    public WarmingRun? Last => _runs.Last?.Value;

    public void Add(WarmingRun run)
    {
        _runs.AddLast(run);
        while (_runs.Count > Capacity) _runs.RemoveFirst();
    }

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<WarmingRun> Recent(int limit) => _runs.Reverse().Take(Math.Max(0, limit)).ToList();

    /// <summary>Oldest first: what is stored.</summary>
    public IReadOnlyList<WarmingRun> All() => [.. _runs];

    /// <summary>Succeeded over succeeded plus failed, rounded to 4 decimals; skipped runs do not count; null before any.</summary>
    public double? SuccessRate()
    {
        var succeeded = _runs.Count(r => r.Outcome == WarmingOutcomes.Succeeded);
        var failed = _runs.Count(r => r.Outcome == WarmingOutcomes.Failed);
        return succeeded + failed == 0 ? null : Math.Round((double)succeeded / (succeeded + failed), 4);
    }
}
