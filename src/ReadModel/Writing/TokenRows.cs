using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_tokens</c>: the KWH token's running figures (locked last: every writer takes rows in the same order).</summary>
internal static class TokenRows
{
    public static async Task ApplyAsync(WriteContext context, IReadOnlyList<Mint> newMints, long newHolders)
    {
        if (newMints.Count == 0) return;
        var d = context.Dialect;
        var row = await context.LockRowAsync(
            context.Command("INSERT INTO rm_tokens (asset, total_minted, mints, holders, last_mint_at) VALUES (@a, @z, 0, 0, NULL) ON CONFLICT DO NOTHING")
                .With("@a", AccountAssets.Kwh).With("@z", d.ToDb(0m)),
            context.Command("SELECT total_minted, mints, holders, last_mint_at FROM rm_tokens WHERE asset = @a").With("@a", AccountAssets.Kwh),
            r => (Total: d.ReadDecimal(r, 0), Mints: r.GetInt64(1), Holders: r.GetInt64(2), Last: r.GetNullableInt64(3)));

        var last = Math.Max(row.Last ?? long.MinValue, newMints.Max(m => m.MintedAt.UtcTicks));
        await context.ExecuteAsync(context.Command("UPDATE rm_tokens SET total_minted = @t, mints = @m, holders = @h, last_mint_at = @l WHERE asset = @a")
            .With("@a", AccountAssets.Kwh).WithDecimal(d, "@t", row.Total + newMints.Sum(m => m.Amount)).With("@m", row.Mints + newMints.Count)
            .With("@h", row.Holders + newHolders).With("@l", last));
    }
}
