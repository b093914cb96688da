using GridTokenX.ApiHost.RateLimiting;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Bench.RateLimitHost;

/// <summary>The API host's decision in miniature: the key's limiter grain through the API host's batcher, then 429 or the endpoint.</summary>
public sealed class GrainLimiterMiddleware(RequestDelegate next, RateLimitBatcher batcher, RateLimitPolicy policy)
{
    private readonly RateLimitRequest _request = new([policy]);

    public async Task InvokeAsync(HttpContext context)
    {
        var verdict = await batcher.AcquireAsync(ClientKey.Of(context), _request);
        if (verdict.Admitted)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
