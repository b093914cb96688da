namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>API.md's six policies, as they appear in settings, headers, problems and admin routes.</summary>
public static class RateLimitPolicyNames
{
    public const string Api = "api";
    public const string Auth = "auth";
    public const string Trading = "trading";
    public const string OrderCreation = "order_creation";
    public const string Sensitive = "sensitive";
    public const string MarketData = "market_data";

    public static readonly IReadOnlyList<string> All = [Api, Auth, Trading, OrderCreation, Sensitive, MarketData];
}
