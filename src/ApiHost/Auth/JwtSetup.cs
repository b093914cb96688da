using System.Security.Claims;
using GridTokenX.ApiHost.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Auth;

public static class JwtSetup
{
    /// <summary>HS256 bearer tokens, validated strictly (issuer, audience, lifetime, algorithm, claim shapes).</summary>
    public static IServiceCollection AddGridTokenXAuth(this IServiceCollection services, AuthOptions options, SigningKey key)
    {
        services.AddSingleton(options);
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key.SecurityKey,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
            jwt.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on a WebSocket upgrade, so /ws (and only /ws) also takes ?access_token=;
                // the token is then validated exactly like a header token. A header, when present, wins.
                OnMessageReceived = context =>
                {
                    var request = context.Request;
                    if (request.Path.Equals(Realtime.RealtimeEndpoints.Path, StringComparison.Ordinal)
                        && !request.Headers.ContainsKey("Authorization")
                        && request.Query.TryGetValue("access_token", out var token) && token.Count == 1)
                    {
                        context.Token = token[0];
                    }
                    else if (Dashboard.DashboardEndpoints.IsDashboardPath(request.Path) && !request.Headers.ContainsKey("Authorization")
                        && request.Cookies.TryGetValue(Dashboard.DashboardEndpoints.CookieName, out var cookie))
                    {
                        // The dashboard's own requests carry its cookie (path /dashboard; no other route reads it).
                        context.Token = cookie;
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    var role = principal.FindFirstValue("role") ?? Roles.User;
                    if (!TokenIssuer.IsValidUserId(principal.FindFirstValue("sub")) || !TokenIssuer.IsValidRole(role))
                        context.Fail("The token's sub or role claim is malformed.");
                    else if (principal.FindFirst("role") is null)
                        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("role", Roles.User));
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.Create(401, "unauthorized", "Unauthorized",
                        context.AuthenticateFailure is null
                            ? "A bearer token is required."
                            : "The bearer token is invalid or expired.").ExecuteAsync(context.HttpContext);
                },
                OnForbidden = context =>
                    Problems.Create(403, "forbidden", "Forbidden", "This route needs a role the token does not have.")
                        .ExecuteAsync(context.HttpContext),
            };
        });
        // The default policy (every RequireAuthorization() without a name) is for people: a meter's token is 403 there too,
        // besides MeterConfinement, which refuses it everywhere but the readings route.
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("role", Roles.User, Roles.Admin).Build())
            .AddPolicy(Roles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim("role", Roles.Admin))
            .AddPolicy(Roles.MeterPolicy, p => p.RequireAuthenticatedUser().RequireClaim("role", Roles.Meter));
        return services;
    }

    public static bool IsMeter(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.HasClaim("role", Roles.Meter);

    /// <summary>The authenticated caller's user id (only called behind RequireAuthorization).</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? throw new InvalidOperationException("Authenticated principal without a sub claim.");
}
