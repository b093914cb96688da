using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Alerts;

namespace GridTokenX.Grains.Tests.Alerts;

public sealed class AlertHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_each_id_once_lists_newest_first_and_makes_room_by_dropping_the_oldest_by_raise_time()
    {
        var history = new AlertHistory(3);
        Assert.True(history.Add(At("a", 10)));
        Assert.False(history.Add(At("a", 10)));
        Assert.True(history.Add(At("b", 30)));
        // Delivered late (queued during an outage): older than b but newer than a.
        Assert.True(history.Add(At("c", 20)));
        Assert.Equal(["b", "c", "a"], history.Newest(10).Select(a => a.Id));

        Assert.True(history.Add(At("d", 40)));
        Assert.Equal(["d", "b", "c"], history.Newest(10).Select(a => a.Id));
        Assert.False(history.Contains("a"));
        // Older than everything a full history keeps: not kept.
        Assert.False(history.Add(At("e", 0)));
        Assert.Equal(3, history.Count);
        Assert.Equal(["x", "d"], history.Newest(2, [At("x", 50)]).Select(a => a.Id));
    }

    private static Alert At(string id, int seconds) =>
        new(id, AlertKind.SecurityEvent, AlertSeverity.Warning, id, new Dictionary<string, string>(), "test", T0.AddSeconds(seconds));
}
