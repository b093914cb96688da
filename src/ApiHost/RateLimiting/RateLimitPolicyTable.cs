using GridTokenX.Grains.Abstractions.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// The configured policies as the grains take them, and the few lists of them a request can need (built once, so a
/// request allocates none).
/// </summary>
public sealed class RateLimitPolicyTable
{
    private readonly Dictionary<string, RateLimitPolicy> _byName = new(StringComparer.Ordinal);

    public RateLimitPolicyTable(IOptions<RateLimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, o) in options.Value.Policies.All())
        {
            _byName[name] = new RateLimitPolicy(name, RateLimitsOptions.StrategyOf(name), o.Limit, TimeSpan.FromSeconds(o.WindowSeconds),
                o.Burst, o.RefillPerSecond, o.Factor, TimeSpan.FromSeconds(o.MaxBlockSeconds));
        }

        Auth = _byName[RateLimitPolicyNames.Auth];
        Api = [_byName[RateLimitPolicyNames.Api]];
        MarketData = [.. Api, _byName[RateLimitPolicyNames.MarketData]];
        PlaceOrder = [.. Api, _byName[RateLimitPolicyNames.Trading], _byName[RateLimitPolicyNames.OrderCreation]];
        CancelOrder = [.. Api, _byName[RateLimitPolicyNames.Trading]];
        Sensitive = [.. Api, _byName[RateLimitPolicyNames.Sensitive]];
    }

    public RateLimitPolicy Auth { get; }

    public IReadOnlyList<RateLimitPolicy> Api { get; }

    public IReadOnlyList<RateLimitPolicy> MarketData { get; }

    public IReadOnlyList<RateLimitPolicy> PlaceOrder { get; }

    public IReadOnlyList<RateLimitPolicy> CancelOrder { get; }

    public IReadOnlyList<RateLimitPolicy> Sensitive { get; }

    public bool TryGet(string name, out RateLimitPolicy policy) => _byName.TryGetValue(name, out policy!);

    /// <summary><paramref name="policies"/> with <c>auth</c> first: a request whose token failed is counted against its IP.</summary>
    public IReadOnlyList<RateLimitPolicy> WithAuth(IReadOnlyList<RateLimitPolicy> policies) => [Auth, .. policies];
}
