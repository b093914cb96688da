using StackExchange.Redis;

namespace GridTokenX.Redis.Connection;

/// <summary>One multiplexer per process, shared by everything outside Orleans' own providers.</summary>
/// <remarks>
/// Replies are read on the .NET thread pool (<see cref="SocketManager.ThreadPool"/>), not on StackExchange.Redis'
/// own dedicated threads: that pool exists for applications that block thread-pool threads, which ours never do, and
/// it costs every reply a hand-over between threads (measured: a silo under load spent a third of its CPU waking
/// threads; see docs/benchmarks-history.md, fan-out session 4).
/// </remarks>
public static class RedisConnectionFactory
{
    public static ConfigurationOptions CreateOptions(string connectionString)
    {
        if (!RedisOptions.TryParse(connectionString, out var options, out var error))
            throw new InvalidOperationException(error);
        // Keep retrying in the background instead of failing start-up when Redis is briefly away; readiness
        // reports the outage instead.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "gridtokenx";
        options.SocketManager ??= SocketManager.ThreadPool;
        return options;
    }
}
