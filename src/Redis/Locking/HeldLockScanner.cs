using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Lists the locks held now by scanning every node's lock keys: a resource is held when a majority of nodes hold the
/// same acquisition (the same lock value id) and at least one of them carries its fencing token, which the fence raise
/// appends once the token is minted (before that the acquirer holds no handle yet). It expires when fewer than a
/// majority still hold it: the majority-th longest remaining TTL. Reads only: the acquire path writes nothing for it.
/// </summary>
internal sealed class HeldLockScanner(IReadOnlyList<LockNode> nodes, TimeSpan nodeTimeout, TimeProvider time)
{
    /// <summary>Per node at most this many lock keys are read: locks held at one instant are far fewer.</summary>
    public const int MaxKeysPerNode = 10_000;

    private static readonly string ListScript = Connection.LuaScripts.Load(typeof(HeldLockScanner), "lock-list.lua");
    private static readonly int Prefix = LockKeys.Lock("").Length;

    private int Quorum => nodes.Count / 2 + 1;

    public async Task<IReadOnlyList<HeldLock>> ListAsync(CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(nodes.Select(n => ReadAsync(n.Database, cancellationToken)));
        var now = time.GetUtcNow();
        var held = new List<HeldLock>();
        foreach (var resource in found.SelectMany(f => f).GroupBy(f => f.Resource, StringComparer.Ordinal))
        {
            var taken = resource.Select(f => (Value: LockValue.Parse(f.Value), f.RemainingMs))
                .Where(f => f.Value is not null && f.RemainingMs > 0)
                .GroupBy(f => f.Value!.Id, StringComparer.Ordinal)
                .FirstOrDefault(g => g.Count() >= Quorum);
            if (taken is null || taken.Max(t => t.Value!.FencingToken) is not { } token) continue;
            var remaining = taken.Select(t => t.RemainingMs).OrderDescending().ElementAt(Quorum - 1);
            var value = taken.First().Value!;
            held.Add(new HeldLock(resource.Key, token, value.Holder, value.AcquiredAt, now.AddMilliseconds(remaining)));
        }

        return [.. held.OrderBy(h => h.Resource, StringComparer.Ordinal)];
    }

    // A node that fails or is slow contributes what it gave so far (or nothing): the others still show majorities.
    private async Task<List<(string Resource, string Value, long RemainingMs)>> ReadAsync(IDatabase node, CancellationToken cancellationToken)
    {
        var found = new List<(string, string, long)>();
        try
        {
            await foreach (var keys in NodeScan.KeysAsync(node, LockKeys.LockPattern, nodeTimeout * 4, cancellationToken))
            {
                var reply = (RedisResult[])(await node.ScriptEvaluateAsync(ListScript, keys).WaitAsync(nodeTimeout * 4, cancellationToken))!;
                for (var i = 0; i < keys.Length; i++)
                {
                    found.Add((((string)keys[i]!)[Prefix..], (string)reply[2 * i]!, (long)reply[2 * i + 1]));
                }

                if (found.Count >= MaxKeysPerNode) break;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
        }

        return found;
    }
}
