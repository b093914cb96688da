using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_readings</c> and <c>rm_mints</c>: each stored once by id; a reading only ever becomes minted.</summary>
internal static class MintingRows
{
    public static async Task InsertReadingAsync(WriteContext context, Reading r)
    {
        var inserted = await context.ExecuteAsync(context.Command("""
                INSERT INTO rm_readings (reading_id, meter_id, user_id, kwh, reading_timestamp, recorded_at, minted)
                VALUES (@id, @m, @u, @k, @ts, @at, @minted)
                ON CONFLICT (reading_id) DO NOTHING
                """)
            .With("@id", r.ReadingId).With("@m", r.MeterId).With("@u", r.UserId).WithDecimal(context.Dialect, "@k", r.Kwh)
            .With("@ts", r.ReadingTimestamp.UtcTicks).With("@at", r.RecordedAt.UtcTicks).With("@minted", r.Minted ? 1L : 0L)) == 1;
        if (!inserted && r.Minted) await MarkMintedAsync(context, r.ReadingId);
    }

    /// <returns>Whether the mint is new (the token's and its owner's figures then count it).</returns>
    public static async Task<bool> InsertMintAsync(WriteContext context, Mint m)
    {
        // No conflict target: a second mint id for an already minted reading is ignored too (a reading mints once).
        var inserted = await context.ExecuteAsync(context.Command("""
                INSERT INTO rm_mints (mint_id, reading_id, meter_id, user_id, amount, fencing_token, minted_at)
                VALUES (@id, @r, @m, @u, @a, @f, @at)
                ON CONFLICT DO NOTHING
                """)
            .With("@id", m.MintId).With("@r", m.ReadingId).With("@m", m.MeterId).With("@u", m.UserId)
            .WithDecimal(context.Dialect, "@a", m.Amount).With("@f", m.FencingToken).With("@at", m.MintedAt.UtcTicks)) == 1;
        if (inserted) await MarkMintedAsync(context, m.ReadingId);
        return inserted;
    }

    /// <returns>Whether the pair is new (the user's meter count then grows).</returns>
    public static async Task<bool> InsertUserMeterAsync(WriteContext context, string userId, string meterId) =>
        await context.ExecuteAsync(context.Command("INSERT INTO rm_user_meters (user_id, meter_id) VALUES (@u, @m) ON CONFLICT DO NOTHING")
            .With("@u", userId).With("@m", meterId)) == 1;

    private static Task<int> MarkMintedAsync(WriteContext context, string readingId) =>
        context.ExecuteAsync(context.Command("UPDATE rm_readings SET minted = 1 WHERE reading_id = @id AND minted = 0").With("@id", readingId));
}
