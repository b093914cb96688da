using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// This host's open sockets, so that stopping the host closes every one with 1001 (going away) and clients reconnect
/// to another host instead of waiting for a dead one to time out.
/// </summary>
public sealed class ConnectionRegistry
{
    public const string ShutdownReason = "server_shutting_down";

    private readonly ConcurrentDictionary<RealtimeConnection, byte> _open = new();
    private readonly CancellationToken _stopping;

    public ConnectionRegistry(IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _stopping = lifetime.ApplicationStopping;
        _stopping.Register(CloseAll);
    }

    public int Count => _open.Count;

    public void Add(RealtimeConnection connection)
    {
        _open.TryAdd(connection, 0);
        // A socket accepted while the host was already stopping would miss the broadcast.
        if (_stopping.IsCancellationRequested) connection.Close(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason);
    }

    public void Remove(RealtimeConnection connection) => _open.TryRemove(connection, out _);

    private void CloseAll()
    {
        foreach (var connection in _open.Keys) connection.Close(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason);
    }
}
