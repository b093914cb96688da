using System.Diagnostics;
using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// Runs one attempt function under a <see cref="RetryPolicy"/>, waiting on <see cref="TimeProvider"/> between attempts
/// (an awaited delay: in a grain it resumes on the grain's scheduler), and describes the run.
/// </summary>
public static class WarmingExecutor
{
    private const int MaxErrorLength = 500;

    /// <param name="attempt">Writes the task's keys and returns how many it wrote.</param>
    public static async Task<WarmingRun> RunAsync(RetryPolicy retry, string trigger, Func<CancellationToken, Task<int>> attempt, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(time);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                var keys = await attempt(cancellationToken).ConfigureAwait(true);
                return new WarmingRun(startedAt, Elapsed(time, started), keys, WarmingOutcomes.Succeeded, null, attempts, trigger);
            }
            catch (WarmingSourceUnavailableException ex)
            {
                return new WarmingRun(startedAt, Elapsed(time, started), 0, WarmingOutcomes.Skipped, Shorten(ex.Message), attempts, trigger);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempts >= retry.MaxAttempts)
                    return new WarmingRun(startedAt, Elapsed(time, started), 0, WarmingOutcomes.Failed, Shorten(ex.Message), attempts, trigger);
                Debug.WriteLine($"Warming attempt {attempts} failed: {ex.Message}");
            }

            // Resumes where it was awaited (true): inside a grain, on the grain's own scheduler.
            await Task.Delay(retry.DelayBefore(attempts), time, cancellationToken).ConfigureAwait(true);
        }
    }

    private static long Elapsed(TimeProvider time, long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    private static string Shorten(string message) => message.Length <= MaxErrorLength ? message : message[..MaxErrorLength] + "…";
}
