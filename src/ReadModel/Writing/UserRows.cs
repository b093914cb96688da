using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_users</c>: each profile's running figures, locked in user id order, added to in C#, written back.</summary>
internal static class UserRows
{
    /// <returns>How many users received their first mint in this batch (new token holders).</returns>
    public static async Task<long> ApplyAsync(WriteContext context, UserActivity activity)
    {
        var d = context.Dialect;
        long newHolders = 0;
        foreach (var (userId, delta) in activity.Users)
        {
            var row = await context.LockRowAsync(
                context.Command("""
                    INSERT INTO rm_users (user_id, first_seen_at, orders, trades, volume_bought, volume_sold, kwh_minted, meters)
                    VALUES (@u, NULL, 0, 0, @z, @z, @z, 0) ON CONFLICT DO NOTHING
                    """).With("@u", userId).With("@z", d.ToDb(0m)),
                context.Command("SELECT first_seen_at, orders, trades, volume_bought, volume_sold, kwh_minted, meters FROM rm_users WHERE user_id = @u")
                    .With("@u", userId),
                r => (First: r.GetNullableInt64(0), Orders: r.GetInt64(1), Trades: r.GetInt64(2), Bought: d.ReadDecimal(r, 3),
                    Sold: d.ReadDecimal(r, 4), Minted: d.ReadDecimal(r, 5), Meters: r.GetInt64(6)));

            if (row.Minted == 0m && delta.KwhMinted > 0m) newHolders++;
            var first = row.First is { } stored && (delta.FirstSeen is not { } seen || stored <= seen) ? row.First : delta.FirstSeen;
            await context.ExecuteAsync(context.Command("""
                    UPDATE rm_users SET first_seen_at = @f, orders = @o, trades = @t, volume_bought = @b, volume_sold = @s, kwh_minted = @k,
                        meters = @m
                    WHERE user_id = @u
                    """)
                .With("@u", userId).With("@f", first).With("@o", row.Orders + delta.Orders).With("@t", row.Trades + delta.Trades)
                .WithDecimal(d, "@b", row.Bought + delta.VolumeBought).WithDecimal(d, "@s", row.Sold + delta.VolumeSold)
                .WithDecimal(d, "@k", row.Minted + delta.KwhMinted).With("@m", row.Meters + delta.Meters));
        }

        return newHolders;
    }
}
