using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Trading;

public sealed class RedisOrderNumberBlocks(IConnectionMultiplexer redis) : IOrderNumberBlocks
{
    private static readonly string Script = LuaScripts.Load(typeof(RedisOrderNumberBlocks), "order-number-block.lua");

    public async ValueTask<long> TakeAsync(string symbol, long floor, int size, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var first = await redis.GetDatabase()
                .ScriptEvaluateAsync(Script, [(RedisKey)$"gtx:order-numbers:{symbol}"], [floor, size])
                .ConfigureAwait(false);
            return (long)first;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new ClientOrderIdRegistryUnavailableException($"Order numbers for {symbol} could not be taken.", ex);
        }
    }
}
