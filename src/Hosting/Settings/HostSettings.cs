using GridTokenX.Redis.Connection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Settings;

/// <summary>
/// The settings that decide how a host is composed, read and validated before it is built (every other section is
/// validated on start): which cluster, whether Redis is used (else standalone mode), and a silo's endpoints.
/// </summary>
/// <param name="AdvertisedAddress">The address a silo advertises, resolved once from <see cref="SiloOptions.AdvertisedHost"/>.</param>
public sealed record HostSettings(ClusterIdentityOptions Cluster, RedisOptions Redis, SiloOptions Silo, StreamPullOptions Streams,
    System.Net.IPAddress AdvertisedAddress)
{
    public bool UsesRedis => Redis.IsConfigured;

    public string? RedisConnectionString => UsesRedis ? Redis.ConnectionString : null;

    /// <exception cref="InvalidSettingsException">A setting is invalid; every message names its key.</exception>
    public static HostSettings Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var cluster = Collect(errors, () => OptionsReader.Read(configuration, ClusterIdentityOptions.Section, new DataAnnotationValidateOptions<ClusterIdentityOptions>(null)));
        var redis = Collect(errors, () => OptionsReader.Read(configuration, RedisOptions.Section, new RedisOptionsValidator()));
        var silo = Collect(errors, () => OptionsReader.Read(configuration, SiloOptions.Section, new DataAnnotationValidateOptions<SiloOptions>(null)));
        var advertised = silo?.ResolveAdvertisedAddress();
        if (silo is not null && advertised is null)
            errors.Add($"GridTokenX:Silo:AdvertisedHost '{silo.AdvertisedHost}' does not resolve to an IPv4 address.");
        var streams = Collect(errors, () => OptionsReader.Read(configuration, StreamPullOptions.Section, new DataAnnotationValidateOptions<StreamPullOptions>(null)));
        if (errors.Count > 0) throw new InvalidSettingsException(errors);
        return new HostSettings(cluster!, redis!, silo!, streams!, advertised!);
    }

    private static T? Collect<T>(List<string> errors, Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (InvalidSettingsException ex)
        {
            errors.AddRange(ex.Errors);
            return null;
        }
    }
}
