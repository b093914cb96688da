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
        response.Headers[PolicyHeader] = PolicyValue(verdict.Statuses);
        var state = new StringBuilder(32 * verdict.Statuses.Count);
        foreach (var s in verdict.Statuses)
        {
            if (state.Length > 0) state.Append(", ");
            state.Append(CultureInfo.InvariantCulture, $"\"{s.Policy}\";r={s.Remaining};t={s.ResetSeconds}");
        }

        response.Headers[StateHeader] = state.ToString();
    }

    // The policy header is the same for every request of a route (unless a key has an override): the few recent ones
    // are kept and reused. Unsynchronised on purpose: a slot is one reference, and a lost write only costs a rebuild.
    private static readonly PolicyHeaderValue?[] Recent = new PolicyHeaderValue?[8];
    private static int _nextSlot;

    private static string PolicyValue(IReadOnlyList<RateLimitStatus> statuses)
    {
        foreach (var cached in Recent)
        {
            if (cached is not null && cached.Matches(statuses)) return cached.Value;
        }

        var value = string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"\"{s.Policy}\";q={s.Quota};w={s.WindowSeconds}")));
        Recent[Interlocked.Increment(ref _nextSlot) & (Recent.Length - 1)] =
            new PolicyHeaderValue([.. statuses.Select(s => (s.Policy, s.Quota, s.WindowSeconds))], value);
        return value;
    }

    private sealed record PolicyHeaderValue((string Policy, long Quota, long Window)[] Items, string Value)
    {
        public bool Matches(IReadOnlyList<RateLimitStatus> statuses)
        {
            if (statuses.Count != Items.Length) return false;
            for (var i = 0; i < Items.Length; i++)
            {
                var s = statuses[i];
                if (!ReferenceEquals(s.Policy, Items[i].Policy) && s.Policy != Items[i].Policy) return false;
                if (s.Quota != Items[i].Quota || s.WindowSeconds != Items[i].Window) return false;
            }

            return true;
        }
    }
}
