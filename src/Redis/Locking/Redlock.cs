using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Redlock over independent Redis nodes, with fencing tokens: a lock is held when a majority of nodes took it
/// (<c>SET NX PX</c> with a random value) and time remains of its TTL after the round trip and the allowance for clock
/// drift; every acquisition of a resource carries a token larger than every earlier one (<see cref="FenceMinter"/>).
/// Plain C# over StackExchange.Redis: no Orleans here. See docs/locks.md.
/// </summary>
public sealed class Redlock : IDistributedLock
{
    private static readonly string ReleaseScript = LuaScripts.Load(typeof(Redlock), "lock-release.lua");
    private static readonly string ExtendScript = LuaScripts.Load(typeof(Redlock), "lock-extend.lua");
    private static readonly string AcquireSingleScript = LuaScripts.Load(typeof(Redlock), "lock-acquire-single.lua");

    private readonly IReadOnlyList<LockNode> _nodes;
    private readonly RedlockOptions _options;
    private readonly TimeProvider _time;
    private readonly FenceMinter _fences;
    private readonly HeldLockScanner _held;
    private readonly LockStatsBoard _board;

    public Redlock(IReadOnlyList<LockNode> nodes, RedlockOptions options, TimeProvider time, RedlockMetrics? metrics = null)
    {
        if (nodes.Count == 0) throw new ArgumentException("Redlock needs at least one node.", nameof(nodes));
        _nodes = nodes;
        _options = options;
        _time = time;
        _fences = new FenceMinter(nodes, options.NodeTimeout);
        _held = new HeldLockScanner(nodes, options.NodeTimeout, time);
        _board = new LockStatsBoard(nodes, options.NodeTimeout);
        Metrics = metrics ?? new RedlockMetrics();
    }

    public RedlockOptions Options => _options;

    public RedlockMetrics Metrics { get; }

    public RedlockStats Stats => Metrics.Stats;

    /// <summary>How many nodes must agree: a majority.</summary>
    public int Quorum => _nodes.Count / 2 + 1;

    /// <summary>
    /// Takes the lock on <paramref name="resource"/>, retrying with jittered pauses for up to <paramref name="wait"/>.
    /// Returns null when it could not within that time (held by someone else, or no majority of nodes answered).
    /// </summary>
    public async Task<RedlockHandle?> AcquireAsync(string resource, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var started = _time.GetTimestamp();
        while (true)
        {
            if (await AttemptAsync(resource, cancellationToken) is { } handle)
            {
                Metrics.Acquired(_time.GetElapsedTime(started));
                return handle;
            }

            var pause = TimeSpan.FromTicks((long)(_options.RetryDelay.Ticks * (0.5 + Random.Shared.NextDouble())));
            if (_time.GetElapsedTime(started) + pause > wait)
            {
                Metrics.Refused();
                return null;
            }
            await Task.Delay(pause, _time, cancellationToken);
        }
    }

    // Task<T> is not covariant: the interface gets the same handle typed as the abstraction.
    async Task<IDistributedLockHandle?> IDistributedLock.AcquireAsync(string resource, TimeSpan wait, CancellationToken cancellationToken) =>
        await AcquireAsync(resource, wait, cancellationToken);

    /// <summary>One attempt: the lock and a fencing token, or null (everything taken in the attempt is given back).</summary>
    public async Task<RedlockHandle?> TryAcquireOnceAsync(string resource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var started = _time.GetTimestamp();
        var handle = await AttemptAsync(resource, cancellationToken);
        if (handle is not null) Metrics.Acquired(_time.GetElapsedTime(started));
        return handle;
    }

    private async Task<RedlockHandle?> AttemptAsync(string resource, CancellationToken cancellationToken)
    {
        // Who and when, for the admin view; the random part is what makes the lock this acquisition's.
        var value = LockValue.NewId(_options.Holder, _time.GetUtcNow());
        var key = (RedisKey)LockKeys.Lock(resource);
        var started = _time.GetTimestamp();
        bool?[] taken;
        long? minted = null;
        if (_nodes.Count == 1)
        {
            // One node: the lock and its token in one script (lock-acquire-single.lua says why that is safe there only).
            var (held, token) = await AcquireSingleAsync(_nodes[0], resource, key, value, cancellationToken);
            taken = [held];
            minted = token;
        }
        else
        {
            taken = await Task.WhenAll(_nodes.Select(n => SetAsync(n, key, value, cancellationToken)));
        }

        if (taken.Any(t => t == false)) Metrics.Contended();
        if (taken.Count(t => t == true) >= Quorum)
        {
            var token = minted ?? await _fences.NextAsync(resource, value, cancellationToken);
            var validity = Validity(started);
            if (token is { } fencingToken && validity > TimeSpan.Zero)
            {
                var handle = new RedlockHandle(this, resource, value, fencingToken, _time.GetTimestamp() + (long)(validity.TotalSeconds * _time.TimestampFrequency), _time);
                if (_options.AutoExtend) handle.StartExtending(_options.Ttl / 3);
                return handle;
            }
        }

        await ReleaseAsync(resource, value);
        return null;
    }

    /// <summary>Deletes the lock on every node whoever holds it (an operator's last resort; its holder finds out when it next extends).</summary>
    public async Task<int> ForceReleaseAsync(string resource)
    {
        Metrics.ForceReleased();
        var key = (RedisKey)LockKeys.Lock(resource);
        var deleted = await Task.WhenAll(_nodes.Select(n => n.AskAsync(db => db.KeyDeleteAsync(key), false, _options.NodeTimeout)));
        return deleted.Count(d => d);
    }

    public async Task<LockOverview> InspectAsync(CancellationToken cancellationToken)
    {
        var held = _held.ListAsync(cancellationToken);
        var published = _board.ReadAsync(cancellationToken);
        var up = Task.WhenAll(_nodes.Select(n => n.AskAsync(async db =>
        {
            await db.PingAsync();
            return true;
        }, false, _options.NodeTimeout, cancellationToken)));
        // This process's own counters live rather than as last published: a force-release just made here shows at once.
        var statistics = (await published).Where(p => p.Key != _options.Holder)
            .Aggregate(Metrics.Statistics, (sum, p) => sum.Add(p.Value));
        var answered = await up;
        return new LockOverview(await held, statistics, [.. _nodes.Select((n, i) => new LockNodeState(n.Name, answered[i]))]);
    }

    /// <summary>Publishes this process's statistics to the nodes for the admin view (<see cref="LockStatsPublisher"/>).</summary>
    public Task PublishStatisticsAsync(CancellationToken cancellationToken) =>
        _board.PublishAsync(_options.Holder, Metrics.Statistics, _time.GetUtcNow(), _options.StatsPublishPeriod * 3, cancellationToken);

    /// <summary>Extends the lock on every node that still holds it for this holder; the new validity, or null without a majority.</summary>
    internal async Task<TimeSpan?> ExtendAsync(string resource, string value)
    {
        var started = _time.GetTimestamp();
        var key = (RedisKey)LockKeys.Lock(resource);
        var extended = await Task.WhenAll(_nodes.Select(n => EvalAsync(n, ExtendScript, key, [value, (long)_options.Ttl.TotalMilliseconds])));
        var validity = Validity(started);
        return extended.Count(e => e) >= Quorum && validity > TimeSpan.Zero ? validity : null;
    }

    internal async Task ReleaseAsync(string resource, string value)
    {
        var key = (RedisKey)LockKeys.Lock(resource);
        await Task.WhenAll(_nodes.Select(n => EvalAsync(n, ReleaseScript, key, [value])));
    }

    // What is left of the TTL after the round trip, less the drift allowance (Redlock: 1 % of the TTL plus 2 ms).
    private TimeSpan Validity(long started) =>
        _options.Ttl - _time.GetElapsedTime(started) - (_options.Ttl * _options.ClockDriftFactor) - TimeSpan.FromMilliseconds(2);

    // True: taken; false: held by someone else; null: the node did not answer.
    private Task<bool?> SetAsync(LockNode node, RedisKey key, string value, CancellationToken cancellationToken) =>
        node.AskAsync<bool?>(async db => await db.StringSetAsync(key, value, _options.Ttl, When.NotExists), null, _options.NodeTimeout, cancellationToken);

    // (true, token) taken with a token; (true, null) taken on a node not trusted yet; (false, _) held by another;
    // (null, _) the node did not answer.
    private Task<(bool? Taken, long? Token)> AcquireSingleAsync(LockNode node, string resource, RedisKey key, string value,
        CancellationToken cancellationToken) =>
        node.AskAsync<(bool?, long?)>(async db =>
        {
            RedisKey[] keys = [key, LockKeys.NodeSentinel, LockKeys.Fence(resource)];
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(AcquireSingleScript, keys, [value, (long)_options.Ttl.TotalMilliseconds]))!;
            var token = (string?)result[1];
            return ((long)result[0] == 1, string.IsNullOrEmpty(token) ? null : long.Parse(token, System.Globalization.CultureInfo.InvariantCulture));
        }, (null, null), _options.NodeTimeout, cancellationToken);

    private Task<bool> EvalAsync(LockNode node, string script, RedisKey key, RedisValue[] args) =>
        node.AskAsync(async db => (long)await db.ScriptEvaluateAsync(script, [key], args) == 1, false, _options.NodeTimeout);
}
