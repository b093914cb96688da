using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class KeyPatternTests
{
    [Fact]
    public void A_placeholder_matches_one_segment()
    {
        var pattern = new KeyPattern("candles:{symbol}:{interval}");

        Assert.True(pattern.Matches("candles:ENERGY-USD:1m"));
        Assert.False(pattern.Matches("candles:ENERGY-USD"));
        Assert.False(pattern.Matches("candles:ENERGY-USD:1m:3"));
        Assert.False(pattern.Matches("xcandles:ENERGY-USD:1m"));
        Assert.Equal(["symbol", "interval"], pattern.Placeholders);
    }

    [Fact]
    public void Filling_needs_every_value_and_refuses_one_that_would_change_the_layout()
    {
        var pattern = new KeyPattern("profile:{user_id}");

        Assert.Equal("profile:alice", pattern.Fill(_ => "alice"));
        Assert.Null(pattern.Fill(_ => null));
        Assert.Null(pattern.Fill(_ => "a:b"));
    }
}
