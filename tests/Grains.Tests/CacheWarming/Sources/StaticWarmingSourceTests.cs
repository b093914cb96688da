using GridTokenX.Grains.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;

namespace GridTokenX.Grains.Tests.CacheWarming.Sources;

public sealed class StaticWarmingSourceTests
{
    [Fact]
    public async Task Each_value_from_settings_is_written_under_the_pattern_with_its_name()
    {
        var task = new WarmingTask("token_metadata", WarmingStrategy.Startup, WarmingPriority.Medium, new WarmingSourceSpec(WarmingSourceKind.Static)
        {
            Values = new Dictionary<string, string> { ["USD"] = """{"asset":"USD"}""", ["KWH"] = """{"asset":"KWH"}""" },
        }, new KeyPattern("token:{asset}"), TimeSpan.FromHours(2));

        var entries = await new StaticWarmingSource().FetchAsync(task, null, CancellationToken.None).ToListAsync();

        Assert.Equal([new WarmedEntry("token:KWH", """{"asset":"KWH"}"""), new WarmedEntry("token:USD", """{"asset":"USD"}""")], entries);
    }
}
