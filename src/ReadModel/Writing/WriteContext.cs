using System.Data.Common;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary>The open write transaction a batch is stored in.</summary>
internal sealed record WriteContext(DbConnection Connection, DbTransaction Transaction, SqlDialect Dialect, CancellationToken CancellationToken)
{
    public DbCommand Command(string sql) => Connection.Command(Transaction, sql);

    public Task<int> ExecuteAsync(DbCommand command) => command.ExecuteAsync(CancellationToken);

    /// <summary>
    /// The row at <paramref name="select"/>, locked for this transaction, after <paramref name="ensure"/> created it
    /// (an <c>INSERT … ON CONFLICT DO NOTHING</c> of a zero row) if it was missing. Creating first is what makes the
    /// lock hold on PostgreSQL: <c>FOR UPDATE</c> locks nothing that does not exist yet, and two writers inserting
    /// the same new row would each compute from zero.
    /// </summary>
    public async Task<T> LockRowAsync<T>(DbCommand ensure, DbCommand select, Func<DbDataReader, T> read)
    {
        await ExecuteAsync(ensure);
        await using (select)
        {
            select.CommandText += Dialect.LockRows;
            await using var reader = await select.ExecuteReaderAsync(CancellationToken);
            if (!await reader.ReadAsync(CancellationToken)) throw new InvalidOperationException("A row just ensured is missing: " + select.CommandText);
            return read(reader);
        }
    }
}
