using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Trading;

public sealed class RedisClientOrderIdRegistry(IConnectionMultiplexer redis) : IClientOrderIdRegistry
{
    private static readonly string ClaimScript = LuaScripts.Load(typeof(RedisClientOrderIdRegistry), "client-order-id-claim.lua");

    public async ValueTask<string> ClaimAsync(string userId, string clientOrderId, string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var owner = await redis.GetDatabase()
            .ScriptEvaluateAsync(ClaimScript, [(RedisKey)$"gtx:client-order-ids:{{{userId}}}"], [clientOrderId, symbol])
            .ConfigureAwait(false);
        return (string)owner!;
    }
}
