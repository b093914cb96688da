using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Minting;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Tests.Minting;

public sealed class MintWritesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_mint_is_one_fenced_write_crediting_available_kwh_and_counting_it_as_a_source()
    {
        var reading = new Reading("r-7", "M1", "alice", 12.345m, At, At, Minted: false);
        var mint = new Mint("mint-r-7", "r-7", "M1", "alice", 12.345m, 41, At);

        var write = MintWrites.For(reading, mint);

        Assert.Equal("mint:r-7", write.OperationId);
        var leg = Assert.Single(write.Legs);
        Assert.Equal(new MoneyLeg("alice", Assets.Kwh, LedgerKinds.Mint, 12.345m, 0m, "r-7"), leg);
        Assert.Equal(new FenceCheck("alice", "wallet:alice", 41), Assert.Single(write.Fences));
        Assert.Empty(write.Reservations);
        Assert.Equal(12.345m, Assert.Single(write.Sources).Value);
        Assert.Equal(Assets.Kwh, write.Sources.Single().Key);
        Assert.Equal(mint, MintWrites.Parse(write.Result));
    }

    [Fact]
    public void A_retry_under_a_new_lock_asks_for_the_same_thing()
    {
        var reading = new Reading("r-7", "M1", "alice", 12.5m, At, At, Minted: false);

        var first = MintWrites.For(reading, new Mint("mint-r-7", "r-7", "M1", "alice", 12.5m, 1, At));
        var retry = MintWrites.For(reading with { Kwh = 12.500m }, new Mint("mint-r-7", "r-7", "M1", "alice", 12.500m, 2, At.AddSeconds(1)));

        Assert.Equal(first.Fingerprint, retry.Fingerprint);
        Assert.NotEqual(first.Fingerprint, MintWrites.For(reading with { Kwh = 12.501m }, new Mint("m", "r-7", "M1", "alice", 1, 1, At)).Fingerprint);
    }
}
