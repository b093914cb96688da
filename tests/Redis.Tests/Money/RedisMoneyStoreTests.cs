using System.Globalization;
using GridTokenX.Redis.Connection;
using GridTokenX.Redis.Money;
using GridTokenX.TestSupport;
using StackExchange.Redis;
using static GridTokenX.Redis.Tests.Money.MoneyWrites;

namespace GridTokenX.Redis.Tests.Money;

public sealed class RedisMoneyStoreTests : MoneyStoreContract, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisMoneyStore _store = null!;

    protected override IMoneyStore Store => _store;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await _redis.ConnectAsync();
        _store = new RedisMoneyStore(_connection);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task Lua_decimal_arithmetic_equals_CSharp_decimal_to_the_last_digit_and_trailing_zero(int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(decimal A, decimal B)>
        {
            (0m, 0m), (0m, 0.000m), (1.50m, -1.50m), (-1.5m, 1.50m), (0.1m, -0.10m), (999999999999999.999999999999m, 0.000000000001m),
            (-999999999999999.999999999999m, 999999999999999.999999999999m), (1000000000000000m, -0.000000000001m), (5m, -5.000m),
            (0.000000000001m, -0.000000000002m), (123456789.123456789m, 876543210.876543211m), (-0m, 0m),
        };
        for (var i = 0; i < 3000; i++) pairs.Add((Random(random), Random(random)));

        var script = LuaScripts.Load(typeof(RedisMoneyStore), "money-decimal.lua") + """

            local out = {}
            for i = 1, #ARGV, 2 do
              table.insert(out, dec_add(ARGV[i], ARGV[i + 1]))
              table.insert(out, dec_sub(ARGV[i], ARGV[i + 1]))
              table.insert(out, tostring(dec_cmp(ARGV[i], ARGV[i + 1])))
            end
            return out
            """;
        var args = pairs.SelectMany(p => new RedisValue[] { MoneyFormat.Decimal(p.A), MoneyFormat.Decimal(p.B) }).ToArray();
        var results = (RedisResult[])(await _connection.GetDatabase().ScriptEvaluateAsync(script, [], args))!;

        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            var context = $"seed {seed}, case {i}: {MoneyFormat.Decimal(a)} and {MoneyFormat.Decimal(b)}";
            Assert.True(MoneyFormat.Decimal(a + b) == (string)results[3 * i]!, $"{context}: sum C# {a + b}, Lua {results[3 * i]}");
            Assert.True(MoneyFormat.Decimal(a - b) == (string)results[(3 * i) + 1]!, $"{context}: difference C# {a - b}, Lua {results[(3 * i) + 1]}");
            Assert.True(MoneyFormat.Decimal(MoneyFormat.ParseDecimal((string)results[3 * i]!)) == (string)results[3 * i]!, context);
            Assert.True(a.CompareTo(b).ToString(CultureInfo.InvariantCulture) == (string)results[(3 * i) + 2]!, $"{context}: comparison");
        }
    }

    [Fact]
    public async Task Every_key_is_under_the_money_hash_tag_so_one_cluster_slot_holds_them_all()
    {
        await Apply(Deposit("alice", Assets.Usd, 10m, "d1", null, new FenceCheck("alice", "account:alice", 1)));
        await Apply(Reserve("alice", "o1", Assets.Usd, 1m));

        var server = _connection.GetServer(_connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: "*").Select(k => (string)k!).ToList();
        Assert.True(keys.Count >= 8, string.Join(", ", keys));
        Assert.All(keys, k => Assert.StartsWith(MoneyKeys.Prefix, k, StringComparison.Ordinal));
        var slots = keys.Select(k => server.ClusterConfiguration is null ? ServerSelectionStrategySlot(k) : 0).Distinct();
        Assert.Single(slots);
    }

    [Fact]
    public async Task What_was_acknowledged_survives_a_redis_crash_and_restart()
    {
        await Apply(Deposit("alice", Assets.Usd, 10.25m, "d1"));
        await Apply(Reserve("alice", "o1", Assets.Usd, 4m));

        _redis.Kill();
        await _redis.RestartAsync();
        await using var fresh = await _redis.ConnectAsync();
        var store = new RedisMoneyStore(fresh);

        Assert.Equal(new AssetBalance(6.25m, 4m), (await store.GetAccountAsync("alice", CancellationToken.None)).Balances[Assets.Usd]);
        Assert.Equal(MoneyWriteStatus.Duplicate, (await store.ApplyAsync([Deposit("alice", Assets.Usd, 10.25m, "d1")], CancellationToken.None))[0].Status);
        Assert.Equal(0m, (await store.GetTotalsAsync(CancellationToken.None)).Imbalance(Assets.Usd));
    }

    [Fact]
    public async Task An_unreachable_redis_is_reported_as_the_store_being_unavailable()
    {
        _redis.Kill();

        await Assert.ThrowsAsync<MoneyStoreUnavailableException>(() => _store.GetAccountAsync("alice", CancellationToken.None));
        await Assert.ThrowsAsync<MoneyStoreUnavailableException>(() => _store.ApplyAsync([Deposit("alice", Assets.Usd, 1m, "d1")], CancellationToken.None));
    }

    private int ServerSelectionStrategySlot(string key) => _connection.GetHashSlot(key);

    // Scales 0-12, magnitudes up to 10^15, either sign, sometimes zero or with trailing zeros.
    private static decimal Random(Random random)
    {
        var scale = random.Next(0, 13);
        var digits = random.Next(1, 16 + scale);
        var mantissa = random.Next(8) == 0 ? 0L : random.NextInt64(0, (long)Math.Min(Math.Pow(10, Math.Min(digits, 18)), long.MaxValue));
        if (random.Next(6) == 0) mantissa = mantissa / 1000 * 1000; // trailing zeros
        var value = new decimal((int)(uint)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, random.Next(2) == 0, (byte)scale);
        return value;
    }
}
