using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// Group commit for one key: while a call to the key's grain is in flight, further requests of the same shape (the
/// same policies and the same <c>auth</c> check) wait and then go together in one <c>AcquireMany</c>. The grain still
/// decides every request on its own and in order, so counts stay exact; a hot key costs one call per round trip
/// instead of one per request, and an idle key's request goes at once.
/// </summary>
public sealed class RateLimitBatcher(IGrainFactory grains)
{
    /// <summary>The most requests one call carries; more wait for the next.</summary>
    public const int MaxBatch = 256;

    /// <summary>How long one call may take before its requests are told the limiter is unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string Key, RateLimitRequest Request), Lane> _lanes = new();

    public Task<RateLimitVerdict> AcquireAsync(string key, RateLimitRequest request)
    {
        var waiter = new TaskCompletionSource<RateLimitVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            var lane = _lanes.GetOrAdd((key, request), static _ => new Lane());
            lock (lane)
            {
                if (lane.Retired) continue;
                if (lane.InFlight)
                {
                    lane.Waiting.Add(waiter);
                    return waiter.Task;
                }

                lane.InFlight = true;
            }

            _ = RunAsync(key, request, lane, [waiter]);
            return waiter.Task;
        }
    }

    private async Task RunAsync(string key, RateLimitRequest request, Lane lane, List<TaskCompletionSource<RateLimitVerdict>> batch)
    {
        var grain = grains.GetRateLimiter(key);
        while (true)
        {
            try
            {
                // The deadline is per call, not per request: one timer for the whole batch.
                var verdicts = batch.Count == 1
                    ? [await grain.Acquire(request).AsTask().WaitAsync(Timeout)]
                    : await grain.AcquireMany(request, batch.Count).AsTask().WaitAsync(Timeout);
                for (var i = 0; i < batch.Count; i++) batch[i].TrySetResult(verdicts[i]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                foreach (var waiter in batch) waiter.TrySetException(ex);
            }

            lock (lane)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Retired = true;
                    _lanes.TryRemove(new KeyValuePair<(string, RateLimitRequest), Lane>((key, request), lane));
                    return;
                }

                var take = Math.Min(MaxBatch, lane.Waiting.Count);
                batch = lane.Waiting.GetRange(0, take);
                lane.Waiting.RemoveRange(0, take);
            }
        }
    }

    private sealed class Lane
    {
        public bool InFlight { get; set; }

        public bool Retired { get; set; }

        public List<TaskCompletionSource<RateLimitVerdict>> Waiting { get; } = [];
    }
}
