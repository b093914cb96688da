using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace GridTokenX.Hosting.Settings;

/// <summary>Bound from <c>GridTokenX:Silo</c>: where a silo listens and what address it advertises to the cluster.</summary>
public sealed class SiloOptions
{
    public const string Section = "GridTokenX:Silo";

    [Range(1, 65535, ErrorMessage = "GridTokenX:Silo:SiloPort must be a port number between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535, ErrorMessage = "GridTokenX:Silo:GatewayPort must be a port number between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The silo's name in the membership table and the dashboard (Orleans' SiloName); on Kubernetes the pod's name, so an
    /// operator finds the silo by the pod. Unset: Orleans makes one up.
    /// </summary>
    [StringLength(253, ErrorMessage = "GridTokenX:Silo:Name must be at most 253 characters.")]
    public string? Name { get; set; }

    /// <summary>An IP, a host name, or <c>auto</c> (this machine's own address, for containers); unset = loopback.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>The advertised IPv4 address, or null when <see cref="AdvertisedHost"/> does not resolve to one.</summary>
    public IPAddress? ResolveAdvertisedAddress()
    {
        // The default keeps a laptop cluster on loopback.
        if (string.IsNullOrWhiteSpace(AdvertisedHost)) return IPAddress.Loopback;
        if (IPAddress.TryParse(AdvertisedHost, out var ip)) return ip;
        try
        {
            var name = AdvertisedHost == "auto" ? Dns.GetHostName() : AdvertisedHost;
            return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
