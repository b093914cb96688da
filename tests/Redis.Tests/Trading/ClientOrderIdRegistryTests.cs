using GridTokenX.Redis.Trading;
using GridTokenX.TestSupport;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Trading;

public sealed class ClientOrderIdRegistryTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await _redis.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    public static TheoryData<string> Kinds => ["redis", "memory"];

    private IClientOrderIdRegistry Create(string kind) =>
        kind == "redis" ? new RedisClientOrderIdRegistry(_connection) : new InMemoryClientOrderIdRegistry();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_first_market_to_claim_an_id_owns_it(string kind)
    {
        var registry = Create(kind);

        Assert.Equal("ENERGY-USD", await registry.ClaimAsync("alice", "c1", "ENERGY-USD", CancellationToken.None));
        Assert.Equal("ENERGY-USD", await registry.ClaimAsync("alice", "c1", "SOLAR-USD", CancellationToken.None));
        Assert.Equal("ENERGY-USD", await registry.ClaimAsync("alice", "c1", "ENERGY-USD", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Ids_are_per_user(string kind)
    {
        var registry = Create(kind);

        await registry.ClaimAsync("alice", "same", "ENERGY-USD", CancellationToken.None);

        Assert.Equal("SOLAR-USD", await registry.ClaimAsync("bob", "same", "SOLAR-USD", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrent_claims_agree_on_one_owner(string kind)
    {
        var registry = Create(kind);
        var symbols = Enumerable.Range(0, 32).Select(i => $"M{i}").ToArray();

        var owners = await Task.WhenAll(symbols.Select(s => registry.ClaimAsync("carol", "race", s, CancellationToken.None).AsTask()));

        Assert.Single(owners.Distinct());
        Assert.Contains(owners[0], symbols);
    }

    [Fact]
    public async Task An_unreachable_redis_is_reported_as_the_registry_being_unavailable_not_as_a_redis_error()
    {
        var options = ConfigurationOptions.Parse(_redis.ConnectionString);
        options.AsyncTimeout = 1000;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var registry = new RedisClientOrderIdRegistry(connection);
        _redis.Kill();

        var refused = await Assert.ThrowsAsync<ClientOrderIdRegistryUnavailableException>(
            () => registry.ClaimAsync("dave", "c1", "ENERGY-USD", CancellationToken.None).AsTask());

        Assert.True(refused.InnerException is RedisException or TimeoutException);
    }
}
