using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>The keys of one node matching a pattern, a batch at a time (<c>SCAN</c>: never blocks the node like <c>KEYS</c>).</summary>
internal static class NodeScan
{
    public const int Batch = 500;

    /// <param name="timeout">For each SCAN call.</param>
    public static async IAsyncEnumerable<RedisKey[]> KeysAsync(IDatabase database, string pattern, TimeSpan timeout,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = "0";
        do
        {
            var reply = (RedisResult[])(await database.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", Batch)
                .WaitAsync(timeout, cancellationToken))!;
            cursor = (string)reply[0]!;
            var keys = (RedisKey[])reply[1]!;
            if (keys.Length > 0) yield return keys;
        }
        while (cursor != "0");
    }
}
