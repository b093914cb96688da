using System.Data.Common;
using Npgsql;

namespace GridTokenX.ReadModel.Storage;

/// <summary>
/// PostgreSQL: decimals are <c>numeric</c> (exact, any scale). Write transactions are READ COMMITTED and lock the
/// rows they will rewrite with <c>FOR UPDATE</c>, always in the same order, so concurrent writers serialize per row
/// and never deadlock. Migrations hold a transaction-scoped advisory lock.
/// </summary>
public sealed class PostgresDialect(string connectionString) : SqlDialect
{
    /// <summary>The advisory lock key of schema migrations (an arbitrary constant: "gtx-rm" in ASCII).</summary>
    public const long MigrationLockKey = 0x6774_782D_726D;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgresql";

    public override string DecimalType => "numeric";

    public override string OrdinalTextType => "text COLLATE \"C\"";

    public override string LockRows => " FOR UPDATE";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override object ToDb(decimal value) => value;

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
