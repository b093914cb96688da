using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>
/// The one-round-trip mint (every trusted node raises its counter by one; a majority agreeing on a value is the token)
/// and its fall-back to the read and the raise when the nodes do not agree, on real redis-server nodes.
/// </summary>
public sealed class FenceIncrementTests : IAsyncLifetime
{
    private const string Resource = "wallet:alice";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private LockNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await LockNodes.StartAsync(3);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    // Generous: an answer later than this counts as none, and the attempt is given back and retried, which would blur
    // what these tests look at (which nodes took part in which mint). Nodes that are down fail fast regardless.
    private Redlock Lock() => new(_nodes.Nodes, new RedlockOptions { NodeTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

    private static async Task<long> TakeAsync(Redlock redlock)
    {
        await using var held = await redlock.AcquireAsync(Resource, Wait, CancellationToken.None);
        Assert.NotNull(held);
        return held.FencingToken;
    }

    private async Task<long?[]> CountersAsync()
    {
        var counters = new long?[_nodes.Servers.Count];
        for (var i = 0; i < counters.Length; i++)
        {
            await using var redis = await _nodes.Servers[i].ConnectAsync();
            counters[i] = (long?)await redis.GetDatabase().StringGetAsync(LockKeys.Fence(Resource));
        }

        return counters;
    }

    [Fact]
    public async Task While_a_node_is_behind_the_other_two_agree_and_it_is_left_behind()
    {
        var redlock = Lock();
        await TakeAsync(redlock);
        _nodes.Servers[0].Kill();
        await TakeAsync(redlock);
        var before = await TakeAsync(redlock);
        await _nodes.Servers[0].RestartAsync();
        await Eventually.Until(async () => (await _nodes.Nodes[0].Database.PingAsync()) >= TimeSpan.Zero, TimeSpan.FromSeconds(10),
            "the lock's connection to node 0 to be back");

        var token = await TakeAsync(redlock);

        // Nodes 1 and 2 agreed on the token in one round; node 0 took part (one more) but was not raised to it.
        Assert.True(token > before);
        var counters = await CountersAsync();
        Assert.Equal(token, counters[1]);
        Assert.Equal(token, counters[2]);
        Assert.True(counters[0] < token, $"node 0 holds {counters[0]}, the token is {token}");
    }

    [Fact]
    public async Task Counters_that_drifted_apart_give_a_token_above_all_of_them_and_are_brought_together()
    {
        var redlock = Lock();
        await TakeAsync(redlock);
        // No two nodes agree after their increments (6, 8, 10): the read and the raise take over.
        long[] drifted = [5, 7, 9];
        for (var i = 0; i < drifted.Length; i++)
        {
            await using var redis = await _nodes.Servers[i].ConnectAsync();
            await redis.GetDatabase().StringSetAsync(LockKeys.Fence(Resource), drifted[i]);
        }

        var token = await TakeAsync(redlock);

        Assert.True(token > 10, $"token {token} must exceed every counter");
        Assert.Equal([token, token, token], await CountersAsync());
        Assert.Equal(token + 1, await TakeAsync(redlock));
        Assert.Equal([token + 1, token + 1, token + 1], await CountersAsync());
    }

    [Fact]
    public async Task A_node_back_without_its_data_is_repaired_while_the_others_agree_so_it_can_stand_in_for_one_of_them()
    {
        var redlock = Lock();
        Assert.Equal(1, await TakeAsync(redlock));
        Assert.Equal(2, await TakeAsync(redlock));
        Assert.Equal([2L, 2L, 2L], await CountersAsync());
        await _nodes.Servers[2].RestartEmptyAsync();
        await Eventually.Until(async () => (await _nodes.Nodes[2].Database.PingAsync()) >= TimeSpan.Zero, TimeSpan.FromSeconds(10),
            "the lock's connection to node 2 to be back");

        // Nodes 0 and 1 agree; node 2 is not raised by the increment (a counter there must come from a handed-out
        // token) but is repaired from them in the background.
        var token = await TakeAsync(redlock);
        Assert.True(token > 2);
        await using var node2 = await _nodes.Servers[2].ConnectAsync();
        await Eventually.Until(async () => (string?)await node2.GetDatabase().StringGetAsync(LockKeys.NodeSentinel) == LockKeys.Trusted,
            TimeSpan.FromSeconds(10), "node 2 to be repaired");
        Assert.True((long?)await node2.GetDatabase().StringGetAsync(LockKeys.Fence(Resource)) >= token);

        // With node 0 gone, node 2 completes the majority, and the token still grows.
        _nodes.Servers[0].Kill();
        Assert.True(await TakeAsync(redlock) > token);
    }
}
