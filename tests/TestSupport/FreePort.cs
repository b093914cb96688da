using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace GridTokenX.TestSupport;

/// <summary>
/// A loopback port nobody listens on right now, for a process a test is about to start.
/// </summary>
/// <remarks>
/// <para>
/// Taken below the kernel's ephemeral range: a port the OS hands out for "port 0" comes from that range, and between
/// this check and the process binding it the OS may give the same port to an outgoing connection as its source port
/// (every test opens many Redis connections), and the process then fails with "address already in use". Below the
/// range no outgoing connection ever gets it. Ports handed out by this process are not handed out twice.
/// </para>
/// <para>
/// Test assemblies run in parallel processes, and a port one of them checked is free stays free until the server it
/// is meant for binds it, so another process could check it meanwhile and hand it out too. Each test assembly
/// therefore draws from its own slice of the range, named by its <c>PortSlice</c> property (tests/Directory.Build.props
/// stamps it into the assembly). The range stops below 22300, where Orleans' TestCluster takes its silo ports.
/// </para>
/// </remarks>
public static class FreePort
{
    private const int Floor = 10_000;
    private const int SliceWidth = 1_500;
    private const int Slices = 8;
    private const int BlockRegion = 200;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();
    private static readonly Lazy<(int Low, int High)> Range = new(FindRange);

    public static int Next()
    {
        var (low, high) = Range.Value;
        // The top of the range is kept for blocks: a random block of many ports rarely misses every port handed out.
        high -= BlockRegion;
        for (var attempt = 0; attempt < 200 && high > low; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            lock (Gate)
            {
                if (Given.Contains(port) || !CanListen(port)) continue;
                Given.Add(port);
                return port;
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
        var (low, high) = Range.Value;
        // From the top down: first the region Next leaves alone, then, tried at random, whatever else is free.
        var candidates = Enumerable.Range(0, BlockRegion / Math.Max(1, count)).Select(i => high - (i + 1) * count)
            .Concat(Enumerable.Range(0, 200).Select(_ => Random.Shared.Next(low, Math.Max(low + 1, high - count + 1))))
            .Where(first => first >= low && first + count <= high);
        foreach (var first in candidates)
        {
            lock (Gate)
            {
                var ports = Enumerable.Range(first, count).ToList();
                if (ports.Any(p => Given.Contains(p) || !CanListen(p))) continue;
                Given.UnionWith(ports);
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports between {low} and {high}.");
    }

    /// <summary>This process's ports: its assembly's slice, else the whole range, and never into the ephemeral range.</summary>
    private static (int Low, int High) FindRange()
    {
        var ephemeral = EphemeralLow();
        var ceiling = ephemeral > Floor ? Math.Min(ephemeral, Floor + Slices * SliceWidth) : Floor + Slices * SliceWidth;
        var slice = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => a.GetCustomAttributes<AssemblyMetadataAttribute>())
            .Where(m => m.Key == "GridTokenX.PortSlice")
            .Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .FirstOrDefault(n => n is >= 0 and < Slices, -1);
        if (slice < 0) return (Floor, ceiling);
        var low = Floor + slice * SliceWidth;
        return (low, Math.Min(ceiling, low + SliceWidth));
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
