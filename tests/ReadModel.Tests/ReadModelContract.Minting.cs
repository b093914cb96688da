using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Fact]
    public async Task Token_figures_count_each_mint_once()
    {
        var now = Make.T0.AddDays(2);
        var old = Make.Mint("r1", "M1", "alice", 1.500m, Make.T0);
        var recent = new[]
        {
            Make.Mint("r2", "M1", "alice", 0.001m, now.AddHours(-23)),
            Make.Mint("r3", "M2", "bob", 999.999m, now.AddMinutes(-1)),
            Make.Mint("r4", "M3", "alice", 2m, now),
        };

        Assert.Equal(new TokenMetadata("KWH", 0m, 0, 0, 0, null, now), await Reader.GetTokenMetadataAsync(now, Ct));

        Assert.True(await WriteAsync(Make.Batch("mints", 1, mints: [old, recent[0]])));
        Assert.True(await WriteAsync(Make.Batch("mints", 2, mints: [.. recent, old])));
        // A second mint id for an already minted reading is not a second mint.
        Assert.True(await WriteAsync(Make.Batch("mints", 3, mints: [recent[1] with { MintId = "other" }])));

        var token = await Reader.GetTokenMetadataAsync(now, Ct);
        Assert.Equal(new TokenMetadata("KWH", 1003.5m, 4, 2, 3, now, now), token);
        Assert.Equal(2, (await Reader.GetTokenMetadataAsync(now.AddHours(1), Ct)).Mints24h);
    }

    [Fact]
    public async Task A_profile_sums_a_users_orders_trades_and_mints()
    {
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1,
            trades: [Make.Trade(1, 0.1m, 2.5m, Make.T0.AddMinutes(1), "alice", "bob"), Make.Trade(2, 0.2m, 1.25m, Make.T0.AddMinutes(2), "bob", "alice")],
            orders: [Make.Order(1, "alice", Make.T0.AddMinutes(1)), Make.Order(2, "alice", Make.T0.AddMinutes(2), OrderStatus.Filled)])));
        Assert.True(await WriteAsync(Make.Batch(Make.Other, 1, trades: [Make.Trade(1, 0.3m, 0.001m, Make.T0.AddMinutes(3), "alice", "carol", Make.Other)])));
        Assert.True(await WriteAsync(Make.Batch("mints", 1,
            readings: [Make.Reading("r1", "M1", "alice", 1.5m, Make.T0.AddMinutes(-5)), Make.Reading("r2", "M2", "alice", 3m, Make.T0)],
            mints: [Make.Mint("r1", "M1", "alice", 1.5m, Make.T0.AddMinutes(-4))])));
        Assert.True(await WriteAsync(Make.Batch("mints", 2,
            readings: [Make.Reading("r1", "M1", "alice", 1.5m, Make.T0.AddMinutes(-5), minted: true)],
            mints: [Make.Mint("r1", "M1", "alice", 1.5m, Make.T0.AddMinutes(-4))])));

        var alice = await Reader.GetUserProfileAsync("alice", Make.T0.AddHours(1), Ct);

        Assert.Equal(new UserProfile("alice", Make.T0.AddMinutes(-5), 2, 3, 2.501m, 1.25m, 1.5m, 2, Make.T0.AddHours(1)), alice);
        Assert.Equal(new UserProfile("nobody", null, 0, 0, 0m, 0m, 0m, 0, Make.T0), await Reader.GetUserProfileAsync("nobody", Make.T0, Ct));
        Assert.Equal(1, (await Reader.GetUserProfileAsync("carol", Make.T0, Ct)).Trades);
    }
}
