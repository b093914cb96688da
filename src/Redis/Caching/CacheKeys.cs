namespace GridTokenX.Redis.Caching;

/// <summary>
/// The key layout of the read cache. Keys are <c>{view}:{id}[:{more}]</c>; the whole key in Redis is
/// <see cref="RedisPrefix"/> + key. The view (the part before the first colon) is what statistics group by.
/// </summary>
public static class CacheKeys
{
    /// <summary>Every cache key in Redis starts with this; FusionCache adds it on both levels.</summary>
    public const string RedisPrefix = "gtx:cache:";

    /// <summary>The backplane's pub/sub channel prefix.</summary>
    public const string BackplaneChannel = "gtx:cache:backplane";

    public static string Ticker(string symbol) => $"ticker:{symbol}";

    public static string Book(string symbol) => $"book:{symbol}";

    /// <summary><c>GET /api/v1/markets/{symbol}/stats</c>.</summary>
    public static string Stats(string symbol) => $"stats:{symbol}";

    /// <summary>
    /// <c>GET /api/v1/markets/{symbol}/candles</c> without <c>end</c> (the latest candles), per interval and limit. Not
    /// <c>candles:</c>: the price-history warmer's pages use that view with another shape.
    /// </summary>
    public static string LatestCandles(string symbol, string interval, int limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"latest-candles:{symbol}:{interval}:{limit}");

    /// <summary>
    /// <c>GET /api/v1/tokens/{asset}</c>, the token's figures. Not <c>token:</c>: the token-metadata warmer's static
    /// description of the token uses that view with another shape.
    /// </summary>
    public static string TokenFigures(string asset) => $"token-figures:{asset}";

    /// <summary><c>GET /api/v1/account/profile</c> of one user.</summary>
    public static string Profile(string userId) => $"profile:{userId}";

    /// <summary>The view a key belongs to: its first segment.</summary>
    public static string ViewOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? key : key[..colon];
    }
}
