using System.Net;
using System.Net.Sockets;
using GridTokenX.Redis.Connection;
using Microsoft.Extensions.Configuration;

namespace GridTokenX.Grains.Hosting;

/// <summary>The process-level settings of API.md's "Running" table, read once at start-up.</summary>
public sealed record GridTokenXSettings(string ClusterId, string ServiceId, string? RedisConnectionString, int SiloPort, int GatewayPort,
    IPAddress AdvertisedAddress, TimeSpan? StreamPullPeriod)
{
    /// <summary>
    /// The pause Orleans' pulling agent makes after each read of a stream queue, whatever the read found (Orleans'
    /// default is 100 ms, which would be most of an event's latency). This is the default where a read returns at
    /// once when the queue is empty: in-memory streams, and Redis Streams with wake-ups off.
    /// </summary>
    public static readonly TimeSpan DefaultStreamPullPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The default on Redis Streams with wake-ups on. A read of an empty queue waits there for the next append's
    /// wake-up, so a short pause costs nothing while idle; under load it bounds how long an event appended just after
    /// a read waits for the next one (with 10 ms, a market's second publish round within 10 ms of its first waited
    /// up to 10 ms: most of the idle latency measured in docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan DefaultWokenStreamPullPeriod = TimeSpan.FromMilliseconds(1);


    public bool UsesRedis => RedisConnectionString is not null;

    public static GridTokenXSettings From(IConfiguration configuration)
    {
        var errors = new List<string>();
        var redis = configuration[$"{RedisOptions.Section}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(redis)) redis = null;
        else if (!RedisOptions.TryParse(redis, out _, out var error)) errors.Add(error!);

        var siloPort = Port(configuration, "GridTokenX:Silo:SiloPort", 11111, errors);
        var gatewayPort = Port(configuration, "GridTokenX:Silo:GatewayPort", 30000, errors);
        var advertised = Advertised(configuration["GridTokenX:Silo:AdvertisedHost"], errors);
        var clusterId = NonEmpty(configuration, "GridTokenX:ClusterId", errors);
        var serviceId = NonEmpty(configuration, "GridTokenX:ServiceId", errors);
        var pullPeriod = Period(configuration, "GridTokenX:Streams:PullPeriod", errors);
        if (errors.Count > 0) throw new InvalidSettingsException(errors);
        return new GridTokenXSettings(clusterId, serviceId, redis, siloPort, gatewayPort, advertised!, pullPeriod);
    }

    private static TimeSpan? Period(IConfiguration configuration, string key, List<string> errors)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var period)
            && period >= TimeSpan.FromMilliseconds(1) && period <= TimeSpan.FromSeconds(10)) return period;
        errors.Add($"{key} must be a time span between 00:00:00.001 and 00:00:10 (got '{raw}').");
        return null;
    }

    private static int Port(IConfiguration configuration, string key, int fallback, List<string> errors)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, out var port) && port is > 0 and < 65536) return port;
        errors.Add($"{key} must be a port number between 1 and 65535 (got '{raw}').");
        return fallback;
    }

    private static string NonEmpty(IConfiguration configuration, string key, List<string> errors)
    {
        var raw = configuration[key];
        if (raw is null) return "gridtokenx";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 64)
            errors.Add($"{key} must be 1 to 64 characters.");
        return raw;
    }

    // "auto" advertises this machine's own address (containers); the default keeps a laptop cluster on loopback.
    private static IPAddress? Advertised(string? host, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(host)) return IPAddress.Loopback;
        if (IPAddress.TryParse(host, out var ip)) return ip;
        try
        {
            var name = host == "auto" ? Dns.GetHostName() : host;
            return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new SocketException();
        }
        catch (SocketException)
        {
            errors.Add($"GridTokenX:Silo:AdvertisedHost '{host}' does not resolve to an IPv4 address.");
            return null;
        }
    }
}
