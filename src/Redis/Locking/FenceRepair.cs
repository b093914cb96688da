using System.Collections.Concurrent;
using System.Globalization;
using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Makes a node that came back without its data trusted again for every resource: it copies every fence counter from
/// a majority of nodes that are trusted for every resource (each counter raised to the largest found, never lowered),
/// then marks the node <c>original</c>, but only if it is still the incarnation the repair began with. Without it, a
/// resource nobody locked between two nodes' empty restarts would have no trusted majority left (docs/locks.md).
/// One repair per node at a time; it runs in the background of the mint that noticed the node.
/// </summary>
internal sealed class FenceRepair(IReadOnlyList<LockNode> nodes, TimeSpan nodeTimeout)
{
    private static readonly string BeginScript = LuaScripts.Load(typeof(FenceRepair), "fence-repair-begin.lua");
    private static readonly string CopyScript = LuaScripts.Load(typeof(FenceRepair), "fence-repair-copy.lua");
    private static readonly string EndScript = LuaScripts.Load(typeof(FenceRepair), "fence-repair-end.lua");
    private readonly ConcurrentDictionary<int, Task> _running = new();

    private int Quorum => nodes.Count / 2 + 1;

    /// <summary>Starts repairing node <paramref name="index"/> unless a repair of it is running; never throws.</summary>
    public void Start(int index) => _running.GetOrAdd(index, i => Task.Run(async () =>
    {
        try
        {
            await RepairAsync(i);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            // The next mint that sees the node untrusted starts another repair.
        }
        finally
        {
            _running.TryRemove(i, out _);
        }
    }));

    /// <summary>Waits for the repair of node <paramref name="index"/> if one runs (tests).</summary>
    internal Task WhenRepairedAsync(int index) => _running.TryGetValue(index, out var running) ? running : Task.CompletedTask;

    /// <returns>Whether the node is trusted for every resource now.</returns>
    internal async Task<bool> RepairAsync(int index)
    {
        var target = nodes[index].Database;
        var incarnation = (string?)await target.ScriptEvaluateAsync(BeginScript, [LockKeys.NodeSentinel], [LockKeys.Reborn()])
            .WaitAsync(nodeTimeout);
        if (incarnation is null or LockKeys.Trusted) return incarnation == LockKeys.Trusted;

        var sources = new List<IDatabase>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i == index) continue;
            var sentinel = await nodes[i].AskAsync(async db => (string?)await db.StringGetAsync(LockKeys.NodeSentinel), null, nodeTimeout);
            if (sentinel == LockKeys.Trusted) sources.Add(nodes[i].Database);
        }

        // Every token handed out was written to a majority, which shares a node with any majority of trusted nodes.
        if (sources.Count < Quorum) return false;
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var source in sources) await CollectAsync(source, highest);
        foreach (var chunk in highest.Chunk(NodeScan.Batch))
        {
            await target.ScriptEvaluateAsync(CopyScript, [.. chunk.Select(c => (RedisKey)c.Key)],
                [.. chunk.Select(c => (RedisValue)c.Value)]).WaitAsync(nodeTimeout * 4);
        }

        return (long)await target.ScriptEvaluateAsync(EndScript, [LockKeys.NodeSentinel], [incarnation]).WaitAsync(nodeTimeout) == 1;
    }

    private async Task CollectAsync(IDatabase source, Dictionary<string, long> highest)
    {
        await foreach (var keys in NodeScan.KeysAsync(source, LockKeys.FencePattern, nodeTimeout * 4))
        {
            var values = await source.StringGetAsync(keys).WaitAsync(nodeTimeout * 4);
            for (var i = 0; i < keys.Length; i++)
            {
                if (!values[i].HasValue) continue;
                var value = long.Parse((string)values[i]!, CultureInfo.InvariantCulture);
                var key = (string)keys[i]!;
                if (!highest.TryGetValue(key, out var seen) || seen < value) highest[key] = value;
            }
        }
    }
}
