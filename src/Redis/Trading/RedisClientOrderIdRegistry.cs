using GridTokenX.Redis.Connection;
using StackExchange.Redis;

namespace GridTokenX.Redis.Trading;

public sealed class RedisClientOrderIdRegistry(IConnectionMultiplexer redis) : IClientOrderIdRegistry
{
    private static readonly string ClaimScript = LuaScripts.Load(typeof(RedisClientOrderIdRegistry), "client-order-id-claim.lua");

    public async ValueTask<string> ClaimAsync(string userId, string clientOrderId, string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var owner = await redis.GetDatabase()
                .ScriptEvaluateAsync(ClaimScript, [(RedisKey)$"gtx:client-order-ids:{{{userId}}}"], [clientOrderId, symbol])
                .ConfigureAwait(false);
            return (string)owner!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Callers (grains) must not depend on the Redis client to tell an outage from a bug.
            throw new ClientOrderIdRegistryUnavailableException($"The client_order_id registry could not be reached for user {userId}.", ex);
        }
    }
}
