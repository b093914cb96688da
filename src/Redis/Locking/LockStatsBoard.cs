using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Where every process using the lock nodes publishes its cumulative lock statistics (<c>gtx:lock-stats:{holder}</c>
/// on every node, living three publish periods), so the admin view can add them up from any API host. A process that
/// stopped drops out once its key expires. Per holder the most recently published copy any node has counts.
/// </summary>
internal sealed class LockStatsBoard(IReadOnlyList<LockNode> nodes, TimeSpan nodeTimeout)
{
    public Task PublishAsync(string holder, LockStatistics statistics, DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var key = (RedisKey)LockKeys.Stats(holder);
        var value = statistics.Encode(now);
        return Task.WhenAll(nodes.Select(n => n.AskAsync(db => db.StringSetAsync(key, value, timeToLive), false, nodeTimeout, cancellationToken)));
    }

    /// <summary>Every published holder's latest statistics.</summary>
    public async Task<IReadOnlyDictionary<string, LockStatistics>> ReadAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (LockStatistics Statistics, long PublishedAtMs)>(StringComparer.Ordinal);
        var prefix = LockKeys.Stats("").Length;
        foreach (var published in await Task.WhenAll(nodes.Select(n => ReadAsync(n.Database, cancellationToken))))
        {
            foreach (var (key, value) in published)
            {
                if (LockStatistics.Decode(value) is not { } decoded) continue;
                var holder = key[prefix..];
                if (!latest.TryGetValue(holder, out var seen) || seen.PublishedAtMs < decoded.PublishedAtMs) latest[holder] = decoded;
            }
        }

        return latest.ToDictionary(l => l.Key, l => l.Value.Statistics, StringComparer.Ordinal);
    }

    private async Task<List<(string Key, string Value)>> ReadAsync(IDatabase node, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        try
        {
            await foreach (var keys in NodeScan.KeysAsync(node, LockKeys.StatsPattern, nodeTimeout * 4, cancellationToken))
            {
                var values = await node.StringGetAsync(keys).WaitAsync(nodeTimeout * 4, cancellationToken);
                for (var i = 0; i < keys.Length; i++)
                {
                    if (values[i].HasValue) found.Add(((string)keys[i]!, (string)values[i]!));
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
        }

        return found;
    }
}
