namespace GridTokenX.ApiHost.Auth;

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    /// <summary>A meter's token: <c>sub</c> is the meter id, and it may do nothing but post that meter's readings.</summary>
    public const string Meter = "meter";

    public const string AdminPolicy = "admin";

    /// <summary>Posting readings: a meter's token only.</summary>
    public const string MeterPolicy = "meter";

    /// <summary>What a meter token's lifetime is when an admin registers the meter (API.md "Meters and minting").</summary>
    public static readonly TimeSpan MeterTokenLifetime = TimeSpan.FromDays(365);
}
