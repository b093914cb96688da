using System.Globalization;
using System.Text.Json;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Minting;

/// <summary>
/// A mint as one money write: the owner's available KWH up by the reading's energy, the same energy counted as entering
/// the system, under the owner's wallet fence, stored with the mint itself so every repeat gets the first mint back.
/// </summary>
public static class MintWrites
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static MoneyWrite For(Reading reading, Mint mint)
    {
        var owner = reading.UserId;
        return new MoneyWrite(
            MintingIds.MintOperation(reading.ReadingId),
            Fingerprint(reading),
            [new MoneyLeg(owner, Assets.Kwh, LedgerKinds.Mint, reading.Kwh, 0m, reading.ReadingId)],
            [new FenceCheck(owner, LockResources.Wallet(owner), mint.FencingToken)],
            [],
            new Dictionary<string, decimal>(StringComparer.Ordinal) { [Assets.Kwh] = reading.Kwh },
            Serialize(mint),
            mint.MintedAt);
    }

    /// <summary>What the mint asked for; the fencing token and time are not part of it (a retry takes a new lock).</summary>
    public static string Fingerprint(Reading reading) =>
        string.Join('|', reading.ReadingId, reading.MeterId, reading.UserId, reading.Kwh.ToString("0.###", CultureInfo.InvariantCulture));

    public static string Serialize(Mint mint) => JsonSerializer.Serialize(new StoredMint(mint.MintId, mint.ReadingId, mint.MeterId,
        mint.UserId, mint.Amount.ToString(CultureInfo.InvariantCulture), mint.FencingToken, mint.MintedAt), Json);

    public static Mint Parse(string stored)
    {
        var m = JsonSerializer.Deserialize<StoredMint>(stored, Json) ?? throw new FormatException("A stored mint is empty.");
        return new Mint(m.MintId, m.ReadingId, m.MeterId, m.UserId, decimal.Parse(m.Amount, NumberStyles.Number, CultureInfo.InvariantCulture),
            m.FencingToken, m.MintedAt);
    }

    // The stored shape is the wire shape, so an operator reading the money store sees what the client saw.
    private sealed record StoredMint(string MintId, string ReadingId, string MeterId, string UserId, string Amount, long FencingToken,
        DateTimeOffset MintedAt);
}
