using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Mints a resource's fencing tokens on the lock nodes so that each is larger than every token minted before it, also
/// when a minority of nodes failed or came back without their data (docs/locks.md has the argument). In short: a
/// token is written to a majority before it is handed out; a mint reads a majority of nodes whose answer can be
/// trusted, so it sees at least one node holding the latest token; and a node that lost its data is known by its
/// missing sentinel, and trusted again for a resource once a mint has written that resource's token to it, and for
/// every resource once <see cref="FenceRepair"/> has copied the counters of a trusted majority to it.
/// </summary>
internal sealed class FenceMinter(IReadOnlyList<LockNode> nodes, TimeSpan nodeTimeout)
{
    private static readonly string ReadScript = LuaScripts.Load(typeof(FenceMinter), "fence-read.lua");
    private static readonly string RaiseScript = LuaScripts.Load(typeof(FenceMinter), "fence-raise.lua");

    private int Quorum => nodes.Count / 2 + 1;

    /// <summary>What repairs nodes found without their data (<see cref="NextAsync"/> starts it).</summary>
    internal FenceRepair Repair { get; } = new(nodes, nodeTimeout);

    /// <summary>The next token, or null when no trustworthy majority answered (the caller gives the lock up and retries).</summary>
    /// <param name="lockValue">The acquisition's lock value: where it still holds, the raise appends the token to it.</param>
    public async Task<long?> NextAsync(string resource, string lockValue, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [LockKeys.NodeSentinel, LockKeys.Fence(resource)];
        var answers = await Task.WhenAll(nodes.Select(n => ReadAsync(n, keys, cancellationToken)));
        var answered = answers.Where(a => a is not null).Select(a => a!.Value).ToList();
        if (answered.Count < Quorum) return null;

        // No node has a sentinel: a new cluster (or one that lost a majority of its data, which no scheme survives).
        var bootstrap = answered.All(a => a.Sentinel is null);
        if (!bootstrap)
        {
            // A node without its data is trusted for a resource once a token of it is written there, and for every
            // resource once repaired: started here, finished in the background.
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i] is { } a && a.Sentinel != LockKeys.Trusted) Repair.Start(i);
            }
        }

        var trusted = answered.Where(a => bootstrap || a.Sentinel == LockKeys.Trusted || (a.Sentinel is not null && a.Counter is not null))
            .Select(a => a.Counter ?? 0).ToList();
        if (trusted.Count < Quorum) return null;

        var token = trusted.Max() + 1;
        var sentinel = bootstrap ? LockKeys.Trusted : LockKeys.Reborn();
        RedisKey[] raiseKeys = [.. keys, LockKeys.Lock(resource)];
        var raised = await Task.WhenAll(nodes.Select(n => RaiseAsync(n, raiseKeys, token, sentinel, lockValue, cancellationToken)));
        // A majority holds it now, so every later mint's trusted majority includes a node that does.
        return raised.Count(r => r) >= Quorum ? token : null;
    }

    private Task<(string? Sentinel, long? Counter)?> ReadAsync(LockNode node, RedisKey[] keys, CancellationToken cancellationToken) =>
        node.AskAsync<(string? Sentinel, long? Counter)?>(async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, keys))!;
            var sentinel = (string?)result[0];
            var counter = (string?)result[1];
            return (string.IsNullOrEmpty(sentinel) ? null : sentinel,
                string.IsNullOrEmpty(counter) ? null : long.Parse(counter, System.Globalization.CultureInfo.InvariantCulture));
        }, null, nodeTimeout, cancellationToken);

    private Task<bool> RaiseAsync(LockNode node, RedisKey[] keys, long token, string sentinel, string lockValue, CancellationToken cancellationToken) =>
        node.AskAsync(async db => (long)await db.ScriptEvaluateAsync(RaiseScript, keys, [token, sentinel, lockValue]) == 1, false, nodeTimeout,
            cancellationToken);
}
