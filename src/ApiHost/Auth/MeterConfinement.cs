using GridTokenX.ApiHost.Http;

namespace GridTokenX.ApiHost.Auth;

/// <summary>
/// A meter's token may post that meter's readings and nothing else (API.md "Auth"): every other route, public ones and
/// the WebSocket included, answers 403 to it. A middleware rather than per-route policies, so a route added later is
/// covered without anyone remembering to.
/// </summary>
public static class MeterConfinement
{
    /// <summary>Endpoint metadata of the routes a meter's token may call.</summary>
    public sealed class AllowMeterAttribute : Attribute;

    public static TBuilder AllowMeter<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowMeterAttribute());

    /// <summary>After authentication (it reads <see cref="HttpContext.User"/>) and before any endpoint runs.</summary>
    public static IApplicationBuilder UseMeterConfinement(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
            !context.User.IsMeter() || context.GetEndpoint()?.Metadata.GetMetadata<AllowMeterAttribute>() is not null
                ? next(context)
                : Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
                    "A meter's token may only post that meter's readings.").ExecuteAsync(context));
}
