namespace GridTokenX.Redis.Money;

/// <summary>The assets accounts hold. Codes are what the API shows.</summary>
public static class Assets
{
    public const string Usd = "USD";
    public const string Kwh = "KWH";

    public static IReadOnlyList<string> All { get; } = [Usd, Kwh];

    public static bool IsKnown(string? asset) => asset is Usd or Kwh;
}
