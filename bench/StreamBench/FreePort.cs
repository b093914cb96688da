using System.Net;
using System.Net.Sockets;

namespace GridTokenX.Bench.StreamBench;

/// <summary>Loopback ports for the in-process silo: other engineers' silos may hold Orleans' default 11111/30000.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
