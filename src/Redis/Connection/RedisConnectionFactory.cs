using StackExchange.Redis;

namespace GridTokenX.Redis.Connection;

/// <summary>One multiplexer per process, shared by everything outside Orleans' own providers.</summary>
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
        return options;
    }
}
