using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GridTokenX.Redis.Streaming;

public static class RedisStreamClientBuilderExtensions
{
    /// <summary>
    /// Lets a cluster client publish to (and subscribe through) the Redis Streams provider named
    /// <paramref name="name"/>. Use the same name and Redis settings as the silos.
    /// </summary>
    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<RedisStreamOptions> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<RedisStreamOptions>(name).Configure(configure);
        builder.Services.AddSingleton<IConfigurationValidator>(sp => new RedisStreamOptionsValidator(sp, name));
        RedisStreamAdapterFactory.AddServices(builder.Services);
        return builder.AddPersistentStreams(name, RedisStreamAdapterFactory.Create, streams => configureStreams?.Invoke(streams));
    }
}
