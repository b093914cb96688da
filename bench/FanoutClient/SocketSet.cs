namespace GridTokenX.Bench.FanoutClient;

/// <summary>Owns every socket of a run, so all are disposed (aborted) together at the end.</summary>
public sealed class SocketSet : IDisposable
{
    private readonly List<FanoutSocket> _sockets = [];

    public FanoutSocket Add(FanoutSocket socket)
    {
        _sockets.Add(socket);
        return socket;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets) socket.Dispose();
    }
}
