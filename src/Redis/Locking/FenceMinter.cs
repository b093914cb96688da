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
    private static readonly string NextScript = LuaScripts.Load(typeof(FenceMinter), "fence-next.lua");

    private int Quorum => nodes.Count / 2 + 1;

    /// <summary>What repairs nodes found without their data (<see cref="NextAsync"/> starts it).</summary>
    internal FenceRepair Repair { get; } = new(nodes, nodeTimeout);

    /// <summary>
    /// The next token, or null when no trustworthy majority answered (the caller gives the lock up and retries). Called
    /// once the lock is held on a majority. One round trip while the nodes agree (<see cref="TryIncrementAsync"/>);
    /// otherwise the read and the raise of <see cref="ReadAndRaiseAsync"/>.
    /// </summary>
    /// <param name="lockValue">The acquisition's lock value: where it still holds, the token is appended to it.</param>
    public async Task<long?> NextAsync(string resource, string lockValue, CancellationToken cancellationToken) =>
        await TryIncrementAsync(resource, lockValue, cancellationToken) ?? await ReadAndRaiseAsync(resource, lockValue, cancellationToken);

    /// <summary>
    /// Raises the counter by one on every trusted node at once; the token when a majority of nodes returned the same
    /// value, else null (nodes apart after a failure, a node not trusted, a new cluster).
    /// </summary>
    /// <remarks>
    /// Safe by the argument of the read-and-raise (docs/locks.md, "Fencing tokens"): a majority that returned <c>v</c>
    /// holds <c>v</c>, which is what handing a token out requires; every earlier token was written to a majority, which
    /// shares a node with this one, and that node's increment ran after it (the lock was held on a majority first, so
    /// the previous holder had handed its token out), so <c>v</c> exceeds it. Two minters cannot both win one value:
    /// majorities intersect and a node's increments return distinct values. Only nodes trusted for every resource take
    /// part: a counter on a reborn node must only ever hold a token that was handed out.
    /// </remarks>
    internal async Task<long?> TryIncrementAsync(string resource, string lockValue, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [LockKeys.NodeSentinel, LockKeys.Fence(resource), LockKeys.Lock(resource)];
        var answers = await Task.WhenAll(nodes.Select(n => IncrementAsync(n, keys, lockValue, cancellationToken)));
        var agreed = answers.Select(a => a?.Counter).OfType<long>().GroupBy(v => v).FirstOrDefault(g => g.Count() >= Quorum);
        if (agreed is null) return null;
        // Trusted nodes exist, so a node that answered untrusted lost its data: repaired now, as the full path would,
        // before another failure leaves too few trusted nodes to repair it from.
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is { Counter: null }) Repair.Start(i);
        }

        return agreed.Key;
    }

    /// <summary>Reads a trusted majority's counters, then writes their maximum plus one to a majority.</summary>
    internal async Task<long?> ReadAndRaiseAsync(string resource, string lockValue, CancellationToken cancellationToken)
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

    // Null: the node did not answer; a null Counter: it answered but is not trusted for every resource (not raised).
    private Task<Increment?> IncrementAsync(LockNode node, RedisKey[] keys, string lockValue, CancellationToken cancellationToken) =>
        node.AskAsync<Increment?>(async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(NextScript, keys, [lockValue]))!;
            return new Increment((long)result[0] == 1 ? long.Parse((string)result[1]!, System.Globalization.CultureInfo.InvariantCulture) : null);
        }, null, nodeTimeout, cancellationToken);

    private readonly record struct Increment(long? Counter);

    private Task<bool> RaiseAsync(LockNode node, RedisKey[] keys, long token, string sentinel, string lockValue, CancellationToken cancellationToken) =>
        node.AskAsync(async db => (long)await db.ScriptEvaluateAsync(RaiseScript, keys, [token, sentinel, lockValue]) == 1, false, nodeTimeout,
            cancellationToken);
}
