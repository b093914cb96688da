using System.Globalization;

namespace GridTokenX.Redis.Money;

/// <summary>How the stores write amounts and times: exact decimal strings, unix milliseconds.</summary>
public static class MoneyFormat
{
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Stored times have millisecond precision in both stores, so they agree on what they hand back.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    public static string Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset FromMillis(string text) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
}
