using System.Globalization;
using System.Text;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// The IETF httpapi RateLimit header fields, structured-field lists with one item per policy that applied:
/// <c>RateLimit-Policy: "api";q=100;w=60</c> and <c>RateLimit: "api";r=37;t=22</c>. Policy names are plain lower-case
/// ASCII, so they need no escaping inside the sf-string.
/// </summary>
public static class RateLimitHeaders
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    public static void Write(HttpResponse response, RateLimitVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(verdict);
        var policy = new StringBuilder(32 * verdict.Statuses.Count);
        var state = new StringBuilder(32 * verdict.Statuses.Count);
        foreach (var s in verdict.Statuses)
        {
            if (policy.Length > 0)
            {
                policy.Append(", ");
                state.Append(", ");
            }

            policy.Append(CultureInfo.InvariantCulture, $"\"{s.Policy}\";q={s.Quota};w={s.WindowSeconds}");
            state.Append(CultureInfo.InvariantCulture, $"\"{s.Policy}\";r={s.Remaining};t={s.ResetSeconds}");
        }

        response.Headers[PolicyHeader] = policy.ToString();
        response.Headers[StateHeader] = state.ToString();
    }
}
