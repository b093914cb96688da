using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Auth;

/// <summary>Signs access tokens with the claims API.md specifies: sub, role, exp (plus iss, aud, iat, nbf). A meter's
/// <c>sub</c> is its meter id, which has a user id's shape.</summary>
public sealed partial class TokenIssuer(SigningKey key, AuthOptions options, TimeProvider time)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserIdPattern();

    public static bool IsValidUserId(string? userId) => userId is not null && UserIdPattern().IsMatch(userId);

    public static bool IsValidRole(string? role) => role is Roles.User or Roles.Admin or Roles.Meter;

    public string Issue(string userId, string role, TimeSpan lifetime)
    {
        if (!IsValidUserId(userId)) throw new ArgumentException("User ids are 1-64 letters, digits, '_' or '-'.", nameof(userId));
        if (!IsValidRole(role)) throw new ArgumentException("Role must be 'user', 'admin' or 'meter'.", nameof(role));
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", role)]),
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
