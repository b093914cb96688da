using System.Net;
using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// One connection per lock node, owned by the service provider (which disposes it with the host). Each node is its
/// own multiplexer because the nodes are independent servers, not a cluster: a multiplexer given several endpoints
/// would treat them as replicas of one another.
/// </summary>
internal sealed class LockConnections : IDisposable, IAsyncDisposable
{
    private readonly IReadOnlyList<ConnectionMultiplexer> _connections;

    private LockConnections(IReadOnlyList<ConnectionMultiplexer> connections)
    {
        _connections = connections;
        Nodes = connections.Select(c => new LockNode(Name(c), c.GetDatabase())).ToList();
    }

    public IReadOnlyList<LockNode> Nodes { get; }

    /// <param name="endpoints">StackExchange.Redis configuration strings, one per node, already validated by the host.</param>
    public static LockConnections Connect(IEnumerable<string> endpoints) =>
        new(endpoints.Select(endpoint =>
        {
            // Settings as for the main connection (keep retrying in the background, replies on the thread pool) ...
            var options = RedisConnectionFactory.CreateOptions(endpoint);
            // ... but a node that is down must answer "no" at once, not queue the command until it returns: a lock
            // round waits at most NodeTimeout for it either way, and a queued SET NX could still take the lock later.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        }).ToList());

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    // The endpoint, never the configuration string: that may carry a password.
    private static string Name(ConnectionMultiplexer connection) =>
        string.Join(",", connection.GetEndPoints().Select(e => e is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : e.ToString()));
}
