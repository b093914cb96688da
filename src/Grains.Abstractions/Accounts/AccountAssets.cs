namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>The assets an account holds (API.md "Accounts"), as the API spells them.</summary>
public static class AccountAssets
{
    public const string Usd = "USD";
    public const string Kwh = "KWH";

    public static IReadOnlyList<string> All { get; } = [Usd, Kwh];

    public static bool IsKnown(string? asset) => asset is Usd or Kwh;
}
