using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Grains.CacheWarming;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class WarmingExecutorTests
{
    private static readonly RetryPolicy Retry = new(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(3));

    [Fact]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap()
    {
        Assert.Equal([1, 2, 3, 3], Enumerable.Range(1, 4).Select(n => Retry.DelayBefore(n).TotalSeconds));
    }

    [Fact]
    public async Task A_failing_attempt_is_retried_after_each_backoff_and_the_run_succeeds_when_one_does()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var attempts = new List<DateTimeOffset>();
        var run = WarmingExecutor.RunAsync(Retry, "admin", _ =>
        {
            attempts.Add(time.GetUtcNow());
            return attempts.Count < 3 ? throw new InvalidOperationException("source down") : Task.FromResult(7);
        }, time, CancellationToken.None);

        Assert.Single(attempts);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(attempts);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, attempts.Count);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, attempts.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run;

        Assert.Equal([0d, 1, 3], attempts.Select(a => (a - attempts[0]).TotalSeconds));
        Assert.Equal((WarmingOutcomes.Succeeded, 7, 3, 3000L, "admin"), (result.Outcome, result.KeysWritten, result.Attempts, result.DurationMs, result.Trigger));
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task A_run_fails_after_its_last_attempt_with_the_last_error()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var run = WarmingExecutor.RunAsync(Retry, "schedule", _ => throw new InvalidOperationException($"failure {++calls}"), time, CancellationToken.None);
        for (var i = 0; i < 3; i++) time.Advance(TimeSpan.FromSeconds(3));
        var result = await run;

        Assert.Equal((WarmingOutcomes.Failed, 4, "failure 4", 0), (result.Outcome, result.Attempts, result.Error, result.KeysWritten));
    }

    [Fact]
    public async Task An_unavailable_source_skips_the_run_without_retrying()
    {
        var calls = 0;
        var result = await WarmingExecutor.RunAsync(Retry, "startup", _ =>
        {
            calls++;
            throw new WarmingSourceUnavailableException("No database is configured.");
        }, new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal((WarmingOutcomes.Skipped, 1, "No database is configured."), (result.Outcome, calls, result.Error));
    }
}
