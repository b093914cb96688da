using System.Text.Json;
using GridTokenX.Grains.Tests.Trading;
using GridTokenX.TestSupport;
using StackExchange.Redis;

namespace GridTokenX.Grains.Tests.Compatibility;

/// <summary>
/// What an earlier version stored must keep loading: a market's journal, checkpoint, history and resting orders and
/// the alert center's grain state, written to Redis by the code of commit 6d3f931 (before any stored type had an
/// <c>[Alias]</c>), are restored into a fresh Redis and must read back exactly as that version read them.
/// </summary>
/// <remarks>
/// <c>Fixtures/redis-v1.json</c> holds every key that version wrote (Redis <c>DUMP</c> format, base64) and
/// <c>redis-v1.expected.json</c> what its grains answered over them. Never regenerate them: a later fixture is added
/// beside them, and this test keeps reading the old ones. A stored type may be renamed or moved only if its old
/// name still resolves (see docs/architecture.md, "Stored types").
/// </remarks>
public sealed class StoredFormatCompatibilityTests : IAsyncLifetime
{
    private const string FixtureDirectory = "Compatibility/Fixtures";
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_journal_checkpoint_and_grain_state_written_by_version_1_load_as_that_version_read_them()
    {
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, FixtureDirectory, "redis-v1.json")))!;
        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, FixtureDirectory, "redis-v1.expected.json"));
        Assert.Contains(keys.Keys, k => k.StartsWith("gtx:journal:", StringComparison.Ordinal));
        Assert.Contains(keys.Keys, k => k.StartsWith("gtx:snapshot:", StringComparison.Ordinal));
        Assert.Contains(keys.Keys, k => k.StartsWith("gtx:history:", StringComparison.Ordinal));
        Assert.Contains(keys.Keys, k => k.StartsWith("gtx:live:", StringComparison.Ordinal));

        // The market keys go in before the cluster starts: every silo's settlement keeper activates the markets at once.
        await RestoreAsync(keys.Where(k => !IsGrainState(k.Key)), key => key);
        await using var cluster = await TradingCluster.StartAsync(_redis.ConnectionString, snapshotEvery: 7, streams: true,
            settings: new Dictionary<string, string> { [TradingCluster.GrainStateInRedisKey] = "1" });
        // Grain state keys start with the cluster's service id, which each test cluster makes anew.
        await RestoreAsync(keys.Where(k => IsGrainState(k.Key)),
            key => cluster.Options.ServiceId + key[key.IndexOf("/state/", StringComparison.Ordinal)..]);

        var actual = await StoredFormatObservation.ObserveAsync(cluster.GrainFactory);

        Assert.Equal(expected, actual);
    }

    private static bool IsGrainState(string key) => key.Contains("/state/", StringComparison.Ordinal);

    private async Task RestoreAsync(IEnumerable<KeyValuePair<string, string>> keys, Func<string, string> rename)
    {
        await using var redis = await _redis.ConnectAsync();
        var db = redis.GetDatabase();
        foreach (var (key, dump) in keys) await db.KeyRestoreAsync(rename(key), Convert.FromBase64String(dump));
    }
}
