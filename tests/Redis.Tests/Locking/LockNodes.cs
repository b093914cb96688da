using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>Independent redis-server processes as lock nodes, each with its own connection (fail fast when down).</summary>
public sealed class LockNodes : IAsyncDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    private LockNodes(IReadOnlyList<RedisServer> servers) => Servers = servers;

    public IReadOnlyList<RedisServer> Servers { get; }

    public IReadOnlyList<LockNode> Nodes { get; private set; } = [];

    public static async Task<LockNodes> StartAsync(int count)
    {
        var nodes = new LockNodes(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => RedisServer.StartAsync())));
        var list = new List<LockNode>();
        foreach (var server in nodes.Servers)
        {
            var options = ConfigurationOptions.Parse($"127.0.0.1:{server.Port},abortConnect=false,connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000");
            // A node that is down must count as "no" at once, not hold commands until it returns.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            var connection = await ConnectionMultiplexer.ConnectAsync(options);
            nodes._connections.Add(connection);
            list.Add(new LockNode($"127.0.0.1:{server.Port}", connection.GetDatabase()));
        }

        nodes.Nodes = list;
        return nodes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        foreach (var server in Servers) await server.DisposeAsync();
    }
}
