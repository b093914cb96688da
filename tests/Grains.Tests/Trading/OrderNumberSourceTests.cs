using GridTokenX.Grains.Trading;
using GridTokenX.Redis.Trading;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class OrderNumberSourceTests
{
    [Fact]
    public async Task A_new_activation_never_reuses_a_number_an_earlier_one_could_have_handed_out()
    {
        var blocks = new InMemoryOrderNumberBlocks();
        var first = new OrderNumberSource(blocks, "ENERGY-USD", blockSize: 10);
        var taken = new List<long>();
        for (var i = 0; i < 3; i++) taken.Add(await first.NextAsync(floor: 1));

        // The first activation died having journaled nothing: the market's next number is still 1.
        var second = new OrderNumberSource(blocks, "ENERGY-USD", blockSize: 10);
        var next = await second.NextAsync(floor: 1);

        Assert.Equal([1L, 2L, 3L], taken);
        Assert.Equal(11, next);
    }

    [Fact]
    public async Task Numbers_respect_the_markets_floor_and_refill_when_a_block_runs_out()
    {
        var source = new OrderNumberSource(new InMemoryOrderNumberBlocks(), "ENERGY-USD", blockSize: 2);
        Assert.Equal(100, await source.NextAsync(floor: 100));
        Assert.Equal(101, await source.NextAsync(floor: 100));
        Assert.Equal(102, await source.NextAsync(floor: 100));
        Assert.Equal(500, await source.NextAsync(floor: 500));
    }
}
