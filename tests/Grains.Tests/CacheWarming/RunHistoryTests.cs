using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class RunHistoryTests
{
    private static WarmingRun Run(int n, string outcome) => new(DateTimeOffset.UnixEpoch.AddSeconds(n), 1, n, outcome, null, 1, "schedule");

    [Fact]
    public void Only_the_last_runs_are_kept_newest_first()
    {
        var history = new RunHistory(3);
        for (var n = 1; n <= 5; n++) history.Add(Run(n, WarmingOutcomes.Succeeded));

        Assert.Equal([5, 4, 3], history.Recent(10).Select(r => r.KeysWritten));
        Assert.Equal([5, 4], history.Recent(2).Select(r => r.KeysWritten));
        Assert.Equal([3, 4, 5], history.All().Select(r => r.KeysWritten));
        Assert.Equal(5, history.Last!.KeysWritten);
    }

    [Fact]
    public void The_success_rate_counts_succeeded_over_succeeded_and_failed_and_leaves_skipped_out()
    {
        var history = new RunHistory();
        Assert.Null(history.SuccessRate());
        history.Add(Run(1, WarmingOutcomes.Skipped));
        Assert.Null(history.SuccessRate());
        history.Add(Run(2, WarmingOutcomes.Succeeded));
        history.Add(Run(3, WarmingOutcomes.Failed));
        history.Add(Run(4, WarmingOutcomes.Succeeded));

        Assert.Equal(0.6667, history.SuccessRate());
    }

    [Fact]
    public void The_success_rate_is_over_the_kept_runs_only()
    {
        var history = new RunHistory(2);
        history.Add(Run(1, WarmingOutcomes.Failed));
        history.Add(Run(2, WarmingOutcomes.Succeeded));
        history.Add(Run(3, WarmingOutcomes.Succeeded));

        Assert.Equal(1.0, history.SuccessRate());
    }
}
