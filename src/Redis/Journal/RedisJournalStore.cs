using System.Globalization;
using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Journal;

/// <summary>
/// Journal in Redis: <c>gtx:journal:{stream}</c> is a Redis Stream of batches whose entry ids are the batch's last
/// sequence, <c>gtx:journal:{stream}:head</c> the head, <c>gtx:snapshot:{stream}</c> the latest checkpoint state and
/// <c>gtx:history:{stream}</c> the list of history segments, <c>gtx:live:{stream}</c> the live items (a market's
/// resting orders) as of that checkpoint. The stream name sits in a hash tag so the keys share a
/// cluster slot and one Lua script can touch them all.
/// </summary>
public sealed class RedisJournalStore(IConnectionMultiplexer redis) : IJournalStore
{
    private const int PageSize = 512;
    private static readonly string AppendScript = LuaScripts.Load(typeof(RedisJournalStore), "journal-append.lua");

    public async ValueTask<JournalContents> LoadAsync(string stream, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = redis.GetDatabase();
        var keys = Keys.For(stream);
        var snapshot = await db.HashGetAsync(keys.Snapshot, ["seq", "data"]).ConfigureAwait(false);
        var head = (long?)await db.StringGetAsync(keys.Head).ConfigureAwait(false) ?? 0;
        var published = (long?)await db.StringGetAsync(keys.Published).ConfigureAwait(false) ?? 0;
        long snapshotSeq = snapshot[0].HasValue ? (long)snapshot[0] : 0;
        ReadOnlyMemory<byte>? snapshotData = null;
        if (snapshot[1].HasValue) snapshotData = (byte[])snapshot[1]!;

        var history = new List<ReadOnlyMemory<byte>>();
        for (long start = 0; ; start += PageSize)
        {
            var segments = await db.ListRangeAsync(keys.History, start, start + PageSize - 1).ConfigureAwait(false);
            foreach (var segment in segments) history.Add((byte[])segment!);
            if (segments.Length < PageSize) break;
        }

        var live = new Dictionary<long, ReadOnlyMemory<byte>>();
        await foreach (var entry in db.HashScanAsync(keys.Live, pageSize: PageSize).ConfigureAwait(false))
            live[(long)entry.Name] = (byte[])entry.Value!;

        var batches = new List<JournalBatch>();
        var from = "(" + snapshotSeq.ToString(CultureInfo.InvariantCulture) + "-0";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await db.StreamRangeAsync(keys.Journal, from, "+", PageSize).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                var id = (string)entry.Id!;
                var seq = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                batches.Add(new JournalBatch(seq, (byte[])entry["d"]!));
            }

            if (entries.Length < PageSize) break;
            from = "(" + (string)entries[^1].Id!;
        }

        var last = batches.Count > 0 ? batches[^1].LastSequence : snapshotSeq;
        if (last != head)
            throw new InvalidOperationException(
                $"Journal '{stream}' is inconsistent: head {head}, last stored batch {last}. Refusing to rebuild from it.");
        return new JournalContents(snapshotSeq, snapshotData, history, live, batches, head, published);
    }

    public async ValueTask AppendAsync(string stream, long expectedHead, long newHead, byte[] batch, long publishedHead,
        JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var keys = Keys.For(stream);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            AppendScript, [keys.Journal, keys.Head, keys.Snapshot, keys.History, keys.Live, keys.Published],
            Arguments(expectedHead, newHead, batch, publishedHead, checkpoint))
            .ConfigureAwait(false);
        var current = (long)result;
        if (current != -1) throw new JournalConflictException(stream, expectedHead, current);
    }

    private static RedisValue[] Arguments(long expectedHead, long newHead, byte[] batch, long publishedHead, JournalCheckpoint? checkpoint)
    {
        if (checkpoint is null) return [expectedHead, newHead, batch, publishedHead, "0"];
        var args = new RedisValue[10 + (2 * checkpoint.Upserts.Count) + checkpoint.Removals.Count];
        args[0] = expectedHead;
        args[1] = newHead;
        args[2] = batch;
        args[3] = publishedHead;
        args[4] = "1";
        args[5] = checkpoint.Sequence;
        args[6] = checkpoint.State;
        args[7] = checkpoint.HistorySegment;
        args[8] = checkpoint.HistoryKept is { } kept ? kept : "";
        args[9] = checkpoint.Upserts.Count;
        var i = 10;
        foreach (var (key, value) in checkpoint.Upserts)
        {
            args[i++] = key;
            args[i++] = value;
        }

        foreach (var key in checkpoint.Removals) args[i++] = key;
        return args;
    }

    private readonly record struct Keys(RedisKey Journal, RedisKey Head, RedisKey Snapshot, RedisKey History, RedisKey Live, RedisKey Published)
    {
        public static Keys For(string stream) =>
            new($"gtx:journal:{{{stream}}}", $"gtx:journal:{{{stream}}}:head", $"gtx:snapshot:{{{stream}}}", $"gtx:history:{{{stream}}}",
                $"gtx:live:{{{stream}}}", $"gtx:journal:{{{stream}}}:published");
    }
}
