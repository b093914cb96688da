using System.Collections.Concurrent;

namespace GridTokenX.Redis.Trading;

/// <summary>Standalone mode's registry: one process, so a concurrent dictionary is the whole truth.</summary>
public sealed class InMemoryClientOrderIdRegistry : IClientOrderIdRegistry
{
    private readonly ConcurrentDictionary<(string User, string ClientOrderId), string> _owners = new();

    public ValueTask<string> ClaimAsync(string userId, string clientOrderId, string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_owners.GetOrAdd((userId, clientOrderId), symbol));
}
