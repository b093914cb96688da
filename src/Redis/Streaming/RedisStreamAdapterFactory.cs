using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// Entry point Orleans' persistent-stream machinery uses for one provider: the adapter, the queue mapper (streams
/// hash onto <see cref="RedisStreamOptions.QueueCount"/> queues), the per-queue cache, the failure handler. It owns
/// the provider's Redis connection.
/// </summary>
public sealed class RedisStreamAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly string _name;
    private readonly RedisStreamOptions _options;
    private readonly Serializer _serializer;
    private readonly RedisStreamMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisStreamAdapterFactory(string name, RedisStreamOptions options, Serializer serializer, RedisStreamMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        if (RedisStreamOptionsValidator.Validate(options) is { } error)
            throw new OrleansConfigurationException($"Redis stream provider '{name}': {error}");
        _name = name;
        _options = options;
        _serializer = serializer;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(options.CreateConfiguration()));
    }

    /// <summary>The factory Orleans calls for a provider name (see <c>AddPersistentStreams</c>).</summary>
    public static RedisStreamAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<RedisStreamOptions>>().Get(name);
        return new RedisStreamAdapterFactory(name, options, services.GetRequiredService<Serializer>(),
            services.GetRequiredService<RedisStreamMetrics>(), services.GetRequiredService<ILoggerFactory>());
    }

    internal static void AddServices(IServiceCollection services) => services.TryAddSingleton<RedisStreamMetrics>();

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new RedisStreamAdapter(_name, _options, _mapper, GetDatabaseAsync, _serializer, _metrics, _loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    // Redelivery already covers a failed delivery (the entry stays pending), so there is nothing more to record.
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask<IDatabase> GetDatabaseAsync()
    {
        var connection = _connection.Value;
        if (connection.IsFaulted)
        {
            // ConnectAsync with abortConnect=false only fails on bad configuration; surface it on every call.
            await connection.ConfigureAwait(false);
        }

        return (await connection.ConfigureAwait(false)).GetDatabase();
    }
}
