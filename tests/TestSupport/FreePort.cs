using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GridTokenX.TestSupport;

/// <summary>
/// A loopback port nobody listens on right now, for a process a test is about to start.
/// </summary>
/// <remarks>
/// Taken below the kernel's ephemeral range: a port the OS hands out for "port 0" comes from that range, and between
/// this check and the process binding it the OS may give the same port to an outgoing connection as its source port
/// (every test opens many Redis connections), and the process then fails with "address already in use". Below the
/// range no outgoing connection ever gets it. Ports handed out by this process are not handed out twice.
/// </remarks>
public static class FreePort
{
    private const int Floor = 20_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        var ceiling = EphemeralLow() - 1;
        if (ceiling - Floor >= 1_000)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(Floor, ceiling + 1);
                lock (Gate)
                {
                    if (Given.Contains(port) || !CanListen(port)) continue;
                    Given.Add(port);
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive loopback ports nobody listens on, for a script that lays out its
    /// processes' ports from one base (scripts/cluster.sh). Taken from the same range as <see cref="Next"/>, for the same reason.
    /// </summary>
    public static int Block(int count)
    {
        var ceiling = EphemeralLow() - count;
        for (var attempt = 0; attempt < 200 && ceiling - Floor >= 1_000; attempt++)
        {
            var first = Random.Shared.Next(Floor, ceiling);
            lock (Gate)
            {
                var ports = Enumerable.Range(first, count).ToList();
                if (ports.Any(p => Given.Contains(p) || !CanListen(p))) continue;
                Given.UnionWith(ports);
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports between {Floor} and the ephemeral range.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
