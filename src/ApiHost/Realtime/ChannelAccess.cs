using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Who may subscribe to what. A name is judged valid before access is considered, so an anonymous client learns
/// <c>invalid_channel</c> for a malformed name and <c>forbidden</c> only for a real channel it may not see.
/// </summary>
public sealed class ChannelAccess(MarketCatalog markets)
{
    public const int MaxChannelLength = 128;
    public const string SystemAlerts = "system:alerts";

    public ChannelDecision Decide(string channel, ClaimsPrincipal? caller)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Length is 0 or > MaxChannelLength) return ChannelDecision.Invalid;
        if (channel == SystemAlerts) return IsAdmin(caller) ? ChannelDecision.Allowed : ChannelDecision.Forbidden;

        var colon = channel.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return ChannelDecision.Invalid;
        var kind = channel[..colon];
        var subject = channel[(colon + 1)..];
        switch (kind)
        {
            case "market":
                return markets.TryGet(subject, out _) ? ChannelDecision.Allowed : ChannelDecision.Invalid;
            case "orders" or "trades" or "user":
                if (!TokenIssuer.IsValidUserId(subject)) return ChannelDecision.Invalid;
                // A meter's sub is a meter id, which may spell a user's id: it never names a person's channels.
                var userId = caller?.Identity?.IsAuthenticated == true && !caller.IsMeter() ? caller.FindFirstValue("sub") : null;
                return userId == subject || IsAdmin(caller) ? ChannelDecision.Allowed : ChannelDecision.Forbidden;
            default:
                return ChannelDecision.Invalid;
        }
    }

    private static bool IsAdmin(ClaimsPrincipal? caller) =>
        caller?.Identity?.IsAuthenticated == true && caller.HasClaim("role", Roles.Admin);
}
