using System.Globalization;
using System.Text.Json;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.Grains.Accounts;

/// <summary>The deposit as stored with its operation id, handed back to every repeat. A stored format: change it only
/// compatibly (old deposits are read back for as long as they are stored).</summary>
public static class DepositJson
{
    public static string Write(DepositRecord deposit) => JsonSerializer.Serialize(new Stored(deposit.DepositId, deposit.UserId, deposit.Asset,
        deposit.Amount.ToString(CultureInfo.InvariantCulture), deposit.CreatedAt.ToUnixTimeMilliseconds()));

    public static DepositRecord Read(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidOperationException("Stored deposit is empty.");
        return new DepositRecord(s.DepositId, s.UserId, s.Asset,
            decimal.Parse(s.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAtMs));
    }

    private sealed record Stored(string DepositId, string UserId, string Asset, string Amount, long CreatedAtMs);
}
