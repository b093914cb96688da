using GridTokenX.Grains.RateLimiting;

namespace GridTokenX.Grains.Tests.RateLimiting;

public sealed class RateLimitDecisionTests
{
    [Theory]
    [InlineData(1, 1)] // one tick: still a whole second, never 0
    [InlineData(10_000_000, 1)]
    [InlineData(10_000_001, 2)] // rounded up, so a retry at that time is admitted
    [InlineData(5_000_000, 1)]
    [InlineData(600_000_000, 60)]
    public void Retry_after_is_whole_seconds_rounded_up_and_at_least_one_on_a_refusal(long ticks, long seconds)
    {
        var refused = new RateLimitDecision(false, 0, TimeSpan.FromTicks(ticks), TimeSpan.FromTicks(ticks));
        Assert.Equal(seconds, refused.RetryAfterSeconds);
        Assert.Equal(seconds, refused.ResetSeconds);
    }

    [Fact]
    public void An_admitted_request_has_no_retry_after_and_a_full_quota_resets_in_zero_seconds()
    {
        var admitted = new RateLimitDecision(true, 5, TimeSpan.Zero, TimeSpan.Zero);
        Assert.Equal(0, admitted.RetryAfterSeconds);
        Assert.Equal(0, admitted.ResetSeconds);
        Assert.Equal(0, new RateLimitDecision(false, 0, TimeSpan.Zero, TimeSpan.Zero).ResetSeconds);
        Assert.Equal(1, new RateLimitDecision(false, 0, TimeSpan.Zero, TimeSpan.Zero).RetryAfterSeconds);
    }
}
