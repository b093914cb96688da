using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace GridTokenX.Redis.Streaming;

/// <summary>Stops the silo or client at start-up with a message naming the provider and the bad setting.</summary>
internal sealed class RedisStreamOptionsValidator(IServiceProvider services, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var options = services.GetRequiredService<IOptionsMonitor<RedisStreamOptions>>().Get(name);
        var error = Validate(options);
        if (error is not null)
            throw new OrleansConfigurationException($"Redis stream provider '{name}': {error}");
    }

    internal static string? Validate(RedisStreamOptions options)
    {
        if (options.ConfigurationOptions is null)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                return $"{nameof(RedisStreamOptions.ConnectionString)} or {nameof(RedisStreamOptions.ConfigurationOptions)} is required.";
            try
            {
                if (StackExchange.Redis.ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                    return $"{nameof(RedisStreamOptions.ConnectionString)} names no Redis endpoint (expected e.g. 'localhost:6379').";
            }
            catch (ArgumentException ex)
            {
                // The message names the bad option key, never a password value.
                return $"{nameof(RedisStreamOptions.ConnectionString)} is not a valid StackExchange.Redis configuration: {ex.Message}";
            }
        }

        if (options.QueueCount is < 1 or > 1024) return $"{nameof(RedisStreamOptions.QueueCount)} must be between 1 and 1024.";
        if (string.IsNullOrWhiteSpace(options.ConsumerGroup)) return $"{nameof(RedisStreamOptions.ConsumerGroup)} must not be empty.";
        if (options.MaxStreamLength < 1000) return $"{nameof(RedisStreamOptions.MaxStreamLength)} must be at least 1000.";
        if (options.BatchSize is < 1 or > 10_000) return $"{nameof(RedisStreamOptions.BatchSize)} must be between 1 and 10000.";
        if (options.CacheSize < 10) return $"{nameof(RedisStreamOptions.CacheSize)} must be at least 10.";
        if (options.Retention < TimeSpan.Zero || options.Retention > TimeSpan.FromDays(1)) return $"{nameof(RedisStreamOptions.Retention)} must be between 0 and 1 day.";
        if (options.WakeUpWait < TimeSpan.Zero || options.WakeUpWait > TimeSpan.FromMinutes(1)) return $"{nameof(RedisStreamOptions.WakeUpWait)} must be between 0 and 1 minute.";
        if (options.ReadTimeout <= TimeSpan.Zero) return $"{nameof(RedisStreamOptions.ReadTimeout)} must be positive.";
        return null;
    }
}
