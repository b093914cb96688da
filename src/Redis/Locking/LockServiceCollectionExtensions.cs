using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Registers <see cref="IDistributedLock"/>. Here, in src/Redis, because both hosts need it (the silo for settlement
/// and minting, the API host for the admin routes) and this is the one project of ours both may use that knows Redis.
/// </summary>
public static class LockServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="Redlock"/> over <paramref name="lockEndpoints"/> (each an independent node), or over the main Redis when
    /// there are none; <see cref="InProcessLock"/> when <paramref name="redisConnectionString"/> is null (standalone mode).
    /// The statistics go to the <c>GridTokenX.Locks</c> meter of the host's <see cref="IMeterFactory"/>. Registered once:
    /// a second call changes nothing.
    /// </summary>
    public static IServiceCollection AddGridTokenXLocks(this IServiceCollection services, string? redisConnectionString,
        IReadOnlyList<string>? lockEndpoints = null, RedlockOptions? options = null)
    {
        services.TryAddSingleton(sp => new RedlockMetrics(sp.GetService<IMeterFactory>()));
        if (redisConnectionString is null)
        {
            services.TryAddSingleton<IDistributedLock>(sp => new InProcessLock(sp.GetRequiredService<RedlockMetrics>(), sp.GetService<TimeProvider>(),
                options?.Holder));
            return services;
        }

        IReadOnlyList<string> endpoints = lockEndpoints is { Count: > 0 } ? [.. lockEndpoints] : [redisConnectionString];
        services.TryAddSingleton(_ => LockConnections.Connect(endpoints));
        services.TryAddSingleton<IDistributedLock>(sp => new Redlock(sp.GetRequiredService<LockConnections>().Nodes,
            options ?? new RedlockOptions(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<RedlockMetrics>()));
        // Every process with a Redlock publishes its statistics, so the admin view on any API host adds up the silos'.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LockStatsPublisher>());
        return services;
    }
}
