using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Dashboard;

namespace GridTokenX.ApiHost.Dashboard;

/// <summary>
/// The Orleans dashboard at <c>/dashboard/</c>, for admins only: it shows every grain type, silo and reminder, and grain
/// state, so it is no less sensitive than the admin routes. Tools send an admin bearer token as everywhere else; a
/// browser cannot put a header on the dashboard's own requests, so <c>/dashboard/session</c> trades a pasted admin token
/// for an HTTP-only cookie that is sent to <c>/dashboard</c> and accepted nowhere else (<see cref="JwtSetup"/>).
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";
    public const string SessionPath = Path + "/session";
    public const string CookieName = "gtx_dashboard";

    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder app)
    {
        // Not part of the API: out of the OpenAPI document (docs/api.md lists it with the other routes outside it).
        app.MapOrleansDashboard(Path).RequireAuthorization(Roles.AdminPolicy).ExcludeFromDescription();
        app.MapGet(SessionPath, () => Results.Content(SignInPage.Html, "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(SignInPage.SecurityHeaders);
        app.MapPost(SessionPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>True for a request the dashboard cookie may authenticate.</summary>
    public static bool IsDashboardPath(PathString path) =>
        path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments(SessionPath, StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> SignInAsync(HttpContext context, IOptionsMonitor<JwtBearerOptions> jwt)
    {
        if (!context.Request.HasFormContentType) return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
            "Send the form as application/x-www-form-urlencoded.");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["token"] is not [{ Length: > 0 } token]) return Problems.Validation("token", "Paste an admin token.");

        // The same validation as every request's; the cookie is checked again by the handler on each one anyway.
        var parameters = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
            return Problems.Create(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", "The token is invalid or expired.");
        if (!result.ClaimsIdentity.HasClaim("role", Roles.Admin))
            return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "The dashboard is for admin tokens only.");

        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            Expires = ((JsonWebToken)result.SecurityToken).ValidTo,
        });
        return Results.Redirect(Path + "/", permanent: false, preserveMethod: false);
    }
}
