using GridTokenX.Redis.Journal;
using GridTokenX.TestSupport;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Journal;

public sealed class RedisJournalStoreTests : JournalStoreContract, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private IJournalStore _store = null!;

    protected override IJournalStore Store => _store;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await _redis.ConnectAsync();
        _store = new RedisJournalStore(_connection);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Keys_follow_the_project_naming_and_share_a_hash_slot()
    {
        await _store.AppendAsync("ENERGY-USD", 0, 1, [1], 1, new JournalCheckpoint(1, [2], [3], [new(7, [7])], []), CancellationToken.None);

        var keys = AllKeys();
        Assert.Contains("gtx:journal:{ENERGY-USD}", keys);
        Assert.Contains("gtx:journal:{ENERGY-USD}:head", keys);
        Assert.Contains("gtx:snapshot:{ENERGY-USD}", keys);
        Assert.Contains("gtx:history:{ENERGY-USD}", keys);
        Assert.Contains("gtx:live:{ENERGY-USD}", keys);
        Assert.Contains("gtx:journal:{ENERGY-USD}:published", keys);
    }

    [Fact]
    public async Task What_was_acknowledged_survives_a_redis_crash_and_restart()
    {
        await _store.AppendAsync("DURABLE", 0, 1, [1], 0, null, CancellationToken.None);
        await _store.AppendAsync("DURABLE", 1, 2, [2], 2, new JournalCheckpoint(2, [7], [8], [new(5, [5])], []), CancellationToken.None);
        await _store.AppendAsync("DURABLE", 2, 3, [3], 3, null, CancellationToken.None);

        _redis.Kill();
        await _redis.RestartAsync();
        await using var fresh = await _redis.ConnectAsync();
        var contents = await new RedisJournalStore(fresh).LoadAsync("DURABLE", CancellationToken.None);

        Assert.Equal(3, contents.Head);
        Assert.Equal(3, contents.PublishedHead);
        Assert.Equal([7], contents.Snapshot!.Value.ToArray());
        Assert.Equal([8], contents.History.Single().ToArray());
        Assert.Equal([5], contents.Live[5].ToArray());
        Assert.Equal([3], contents.Batches.Single().Data.ToArray());
    }

    [Fact]
    public async Task A_journal_whose_batches_do_not_reach_the_head_is_refused()
    {
        await _store.AppendAsync("BROKEN", 0, 1, [1], 0, null, CancellationToken.None);
        await _store.AppendAsync("BROKEN", 1, 2, [2], 0, null, CancellationToken.None);
        await _connection.GetDatabase().StreamDeleteAsync("gtx:journal:{BROKEN}", ["2-0"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.LoadAsync("BROKEN", CancellationToken.None));
        Assert.Contains("inconsistent", error.Message, StringComparison.Ordinal);
    }

    private HashSet<string> AllKeys() =>
        [.. _connection.GetServer(_connection.GetEndPoints()[0]).Keys(pattern: "gtx:*").Select(k => (string)k!)];
}
