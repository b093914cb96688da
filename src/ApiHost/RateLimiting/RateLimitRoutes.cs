using GridTokenX.ApiHost.Realtime;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// API.md's route-to-policy map. Paths compare case-insensitively, as routing does, so <c>/API/V1/ORDERS</c> cannot
/// reach an endpoint without its limits.
/// </summary>
public static class RateLimitRoutes
{
    private static readonly PathString Root = "/api/v1";
    private static readonly PathString Orders = "/api/v1/orders";
    private static readonly PathString Markets = "/api/v1/markets";
    private static readonly PathString Admin = "/api/v1/admin";
    private static readonly PathString Readings = "/api/v1/meters/readings";
    private static readonly PathString Mint = "/api/v1/tokens/mint";
    private static readonly PathString Socket = RealtimeEndpoints.Path;

    /// <summary>The policies of <paramref name="request"/> (other than <c>auth</c>); empty when none applies.</summary>
    public static IReadOnlyList<RateLimitPolicy> For(HttpRequest request, RateLimitPolicyTable table)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(table);
        var path = request.Path;
        if (path.StartsWithSegments(Socket, StringComparison.OrdinalIgnoreCase)) return table.Api;
        if (!path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase)) return [];

        var method = request.Method;
        var post = HttpMethods.IsPost(method);
        if (path.StartsWithSegments(Markets, StringComparison.OrdinalIgnoreCase)) return table.MarketData;
        if (path.StartsWithSegments(Orders, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            if (post && IsCollection(rest)) return table.PlaceOrder;
            if (HttpMethods.IsDelete(method) && !IsCollection(rest)) return table.CancelOrder;
            return table.Api;
        }

        var write = post || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method);
        if (write && path.StartsWithSegments(Admin, StringComparison.OrdinalIgnoreCase)) return table.Sensitive;
        if (post && (IsPath(path, Readings) || IsPath(path, Mint))) return table.Sensitive;
        return table.Api;
    }

    private static bool IsCollection(PathString rest) => !rest.HasValue || rest.Value == "/";

    private static bool IsPath(PathString path, PathString route) =>
        path.StartsWithSegments(route, StringComparison.OrdinalIgnoreCase, out var rest) && IsCollection(rest);
}
