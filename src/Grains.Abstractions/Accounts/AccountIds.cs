using System.Text.RegularExpressions;

namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>What names an account: a user id, or the exchange's fees account.</summary>
public static partial class AccountIds
{
    /// <summary>The fees account's id in the store; it cannot be a user id (API.md "Auth"), so no user can own it.</summary>
    public const string Fees = "@fees";

    /// <summary>What the admin routes call the fees account.</summary>
    public const string FeesAlias = "fees";

    public static bool IsUserId(string? id) => id is not null && UserIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserIdPattern();
}
