namespace GridTokenX.Bench.RateLimitHost;

/// <summary>The limiter key of a request: <c>X-Client-Key</c> (the accuracy runs give each round its own), else the client IP.</summary>
public static class ClientKey
{
    public static string Of(HttpContext context) =>
        context.Request.Headers.TryGetValue("X-Client-Key", out var key) && key.Count == 1 && !string.IsNullOrEmpty(key[0])
            ? key[0]!
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
