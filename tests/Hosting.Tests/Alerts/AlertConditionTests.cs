using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

public sealed class AlertConditionTests : DetectorTest
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(1);

    [Fact]
    public void Going_bad_raises_once_and_going_fine_resolves_once()
    {
        var condition = new AlertCondition(Cooldown);
        Assert.Equal(ConditionChange.None, condition.Observe(false, Time.GetUtcNow()));
        Assert.Equal(ConditionChange.Raise, condition.Observe(true, Time.GetUtcNow()));
        Assert.Equal(ConditionChange.None, condition.Observe(true, Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ConditionChange.Resolve, condition.Observe(false, Time.GetUtcNow()));
        Assert.Equal(ConditionChange.None, condition.Observe(false, Time.GetUtcNow()));
    }

    [Fact]
    public void A_flap_inside_the_cooldown_is_held_back_and_announced_when_the_cooldown_ends_if_still_bad()
    {
        var condition = new AlertCondition(Cooldown);
        Assert.Equal(ConditionChange.Raise, condition.Observe(true, Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(ConditionChange.Resolve, condition.Observe(false, Time.GetUtcNow()));

        // Flapping: every bad is held back, no resolve is owed because nothing was announced.
        for (var i = 0; i < 10; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(ConditionChange.None, condition.Observe(true, Time.GetUtcNow()));
            Time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(ConditionChange.None, condition.Observe(false, Time.GetUtcNow()));
        }

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ConditionChange.None, condition.Observe(true, Time.GetUtcNow()));
        Assert.Equal(11, condition.HeldBack);

        // Still bad when the cooldown since the last raise is over: announced now, so the channel's last word is right.
        Time.Advance(Cooldown);
        Assert.Equal(ConditionChange.Raise, condition.Observe(true, Time.GetUtcNow()));
        Assert.True(condition.IsAnnouncedBad);
        Assert.Equal(0, condition.HeldBack);
    }

    [Fact]
    public void A_zero_cooldown_announces_every_transition()
    {
        var condition = new AlertCondition(TimeSpan.Zero);
        var changes = new[] { true, false, true, false }.Select(bad => condition.Observe(bad, Time.GetUtcNow())).ToList();
        Assert.Equal([ConditionChange.Raise, ConditionChange.Resolve, ConditionChange.Raise, ConditionChange.Resolve], changes);
    }
}
