using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GridTokenX.Redis.Streaming;

public static class RedisStreamSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> whose queues are Redis Streams read through a
    /// consumer group. The silo also needs a grain storage named "PubSubStore" (or <paramref name="name"/>) for
    /// subscriptions, unless pub-sub is configured as implicit-only through <paramref name="configureStreams"/>.
    /// </summary>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<RedisStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<RedisStreamOptions>(name).Configure(configure);
        builder.Services.AddSingleton<IConfigurationValidator>(sp => new RedisStreamOptionsValidator(sp, name));
        RedisStreamAdapterFactory.AddServices(builder.Services);
        return builder.AddPersistentStreams(name, RedisStreamAdapterFactory.Create, streams => configureStreams?.Invoke(streams));
    }
}
