using GridTokenX.Redis.Locking;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>One lock node: the lock and its fencing token are taken by one script (lock-acquire-single.lua).</summary>
public sealed class SingleNodeRedlockTests : IAsyncLifetime
{
    private const string Resource = "wallet:alice";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private LockNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await LockNodes.StartAsync(1);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Tokens_grow_by_one_per_acquisition_and_the_held_lock_shows_its_token()
    {
        var redlock = new Redlock(_nodes.Nodes, new RedlockOptions(), TimeProvider.System);
        await using var redis = await _nodes.Servers[0].ConnectAsync();
        var tokens = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await using var held = await redlock.AcquireAsync(Resource, Wait, CancellationToken.None);
            Assert.NotNull(held);
            tokens.Add(held.FencingToken);
            var value = (string?)await redis.GetDatabase().StringGetAsync(LockKeys.Lock(Resource));
            Assert.EndsWith("|" + held.FencingToken, value, StringComparison.Ordinal);
            Assert.Equal(held.FencingToken, (long?)await redis.GetDatabase().StringGetAsync(LockKeys.Fence(Resource)));
            Assert.Null(await redlock.TryAcquireOnceAsync(Resource, CancellationToken.None));
        }

        // The first on a new node goes the full way (it marks the node trusted); the rest in one script each. An attempt
        // whose answer came after the node timeout is given back and retried, so a number may be skipped, never reused.
        Assert.Equal(1, tokens[0]);
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.Equal(LockKeys.Trusted, (string?)await redis.GetDatabase().StringGetAsync(LockKeys.NodeSentinel));
        Assert.False(await redis.GetDatabase().KeyExistsAsync(LockKeys.Lock(Resource)));
    }

    [Fact]
    public async Task A_lock_refused_by_the_script_mints_no_token()
    {
        var redlock = new Redlock(_nodes.Nodes, new RedlockOptions(), TimeProvider.System);
        await using var redis = await _nodes.Servers[0].ConnectAsync();
        long firstToken;
        await using (var first = await redlock.AcquireAsync(Resource, Wait, CancellationToken.None))
        {
            Assert.NotNull(first);
            firstToken = first.FencingToken;
            for (var i = 0; i < 3; i++) Assert.Null(await redlock.TryAcquireOnceAsync(Resource, CancellationToken.None));
            Assert.Equal(first.FencingToken, (long?)await redis.GetDatabase().StringGetAsync(LockKeys.Fence(Resource)));
        }

        await using var second = await redlock.AcquireAsync(Resource, Wait, CancellationToken.None);
        Assert.NotNull(second);
        Assert.True(second.FencingToken > firstToken);
    }
}
