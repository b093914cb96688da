namespace GridTokenX.ReadModel.Model;

/// <summary>
/// API.md's <c>GET /api/v1/account/profile</c>, zeros for a user the read model has never seen.
/// <see cref="FirstSeenAt"/> is the earliest order, trade, reading or mint of the user; <see cref="Meters"/> counts
/// the distinct meters the user's readings or mints came from (registrations alone are not events it receives).
/// </summary>
public sealed record UserProfile(
    string UserId,
    DateTimeOffset? FirstSeenAt,
    long Orders,
    long Trades,
    decimal VolumeBought,
    decimal VolumeSold,
    decimal KwhMinted,
    long Meters,
    DateTimeOffset AsOf);
