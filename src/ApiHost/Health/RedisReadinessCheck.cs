using StackExchange.Redis;

namespace GridTokenX.ApiHost.Health;

public sealed class RedisReadinessCheck(IConnectionMultiplexer redis) : IReadinessCheck
{
    public string Name => "redis";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return "not connected";
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            return "ping failed";
        }
    }
}
