using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class OnDemandTriggerTests
{
    [Fact]
    public void Misses_below_the_threshold_warm_nothing_and_reaching_it_warms_the_key_with_its_neighbours_once()
    {
        var trigger = new OnDemandTrigger(3, 1);

        Assert.Empty(trigger.Record("candles:ENERGY-USD:1m:7", 2));
        Assert.Equal(["candles:ENERGY-USD:1m:7", "candles:ENERGY-USD:1m:8", "candles:ENERGY-USD:1m:6"], trigger.Record("candles:ENERGY-USD:1m:7", 1));
        Assert.Empty(trigger.Record("candles:ENERGY-USD:1m:7", 2));
    }

    [Fact]
    public void The_prefetch_factor_is_rounded_up_to_pages_on_each_side_and_never_below_page_zero()
    {
        Assert.Equal(["p:2", "p:0", "p:3"], OnDemandTrigger.Neighbours("p:1", 1.5));
        Assert.Empty(OnDemandTrigger.Neighbours("p:1", 0));
        Assert.Empty(OnDemandTrigger.Neighbours("price-history:ENERGY-USD", 2));
    }

    [Fact]
    public void A_key_without_pages_is_warmed_alone()
    {
        var trigger = new OnDemandTrigger(1, 3);

        Assert.Equal(["price-history:ENERGY-USD"], trigger.Record("price-history:ENERGY-USD", 1));
    }
}
