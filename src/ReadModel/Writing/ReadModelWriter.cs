using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary>
/// Stores a batch and advances its source's position in one transaction. Rows are taken in one fixed order by every
/// writer (position, items, candles, market totals, users, token; each by key) so concurrent writers of different
/// sources wait for each other rather than deadlock or overwrite each other's sums.
/// </summary>
public sealed class ReadModelWriter(ReadModelDatabase database, TimeProvider timeProvider) : IReadModelWriter
{
    public async Task<bool> WriteAsync(ReadModelBatch batch, CancellationToken cancellationToken)
    {
        BatchValidator.Validate(batch);
        var trades = BatchValidator.Trades(batch);
        var orders = BatchValidator.Orders(batch);
        await database.EnsureSchemaAsync(cancellationToken);

        var dialect = database.Dialect;
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        var context = new WriteContext(connection, transaction, dialect, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcTicks;

        if (await PositionRows.LockAsync(context, batch.Source, now) is { } stored && batch.Position <= stored)
            return false; // Disposing the transaction rolls back the position row it may have created.

        var users = new UserActivity();
        var newTrades = new List<NumberedTrade>(trades.Count);
        foreach (var trade in trades)
        {
            users[trade.Trade.BuyerId].Seen(trade.Trade.ExecutedAt);
            users[trade.Trade.SellerId].Seen(trade.Trade.ExecutedAt);
            if (!await TradeRows.InsertAsync(context, trade, batch.Source, batch.Position)) continue;
            newTrades.Add(trade);
            users[trade.Trade.BuyerId].Trades++;
            users[trade.Trade.BuyerId].VolumeBought += trade.Trade.Quantity;
            if (trade.Trade.SellerId != trade.Trade.BuyerId) users[trade.Trade.SellerId].Trades++;
            users[trade.Trade.SellerId].VolumeSold += trade.Trade.Quantity;
        }

        foreach (var (order, number) in orders)
        {
            users[order.UserId].Seen(order.CreatedAt);
            if (await OrderRows.UpsertAsync(context, order, number, batch.Source, batch.Position)) users[order.UserId].Orders++;
        }

        var newMints = await StoreMintingAsync(context, batch, users);
        await CandleRows.ApplyAsync(context, newTrades);
        await MarketTotalRows.ApplyAsync(context, newTrades);
        var newHolders = await UserRows.ApplyAsync(context, users);
        await TokenRows.ApplyAsync(context, newMints, newHolders);
        await PositionRows.AdvanceAsync(context, batch.Source, batch.Position, now);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<long?> GetPositionAsync(string source, CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.Dialect.OpenAsync(cancellationToken);
        return await connection.Command(null, "SELECT last_position FROM rm_positions WHERE source = @s").With("@s", source)
            .ScalarInt64Async(cancellationToken);
    }

    private static async Task<List<Mint>> StoreMintingAsync(WriteContext context, ReadModelBatch batch, UserActivity users)
    {
        var meters = new SortedSet<(string User, string Meter)>();
        foreach (var reading in batch.Readings.DistinctBy(r => r.ReadingId).OrderBy(r => r.ReadingId, StringComparer.Ordinal))
        {
            users[reading.UserId].Seen(reading.RecordedAt);
            meters.Add((reading.UserId, reading.MeterId));
            await MintingRows.InsertReadingAsync(context, reading);
        }

        var newMints = new List<Mint>();
        foreach (var mint in batch.Mints.DistinctBy(m => m.MintId).OrderBy(m => m.MintId, StringComparer.Ordinal))
        {
            users[mint.UserId].Seen(mint.MintedAt);
            meters.Add((mint.UserId, mint.MeterId));
            if (!await MintingRows.InsertMintAsync(context, mint)) continue;
            newMints.Add(mint);
            users[mint.UserId].KwhMinted += mint.Amount;
        }

        foreach (var (user, meter) in meters)
        {
            if (await MintingRows.InsertUserMeterAsync(context, user, meter)) users[user].Meters++;
        }

        return newMints;
    }
}
