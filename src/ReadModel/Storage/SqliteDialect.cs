using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GridTokenX.ReadModel.Storage;

/// <summary>
/// The embedded database. SQLite has no exact decimal type (a NUMERIC column turns "0.10" into a double), so decimals
/// are TEXT holding the invariant decimal string, and all arithmetic on them happens in C#. A write transaction is
/// <c>BEGIN IMMEDIATE</c>: it holds the database's single write lock from the start, so whatever it reads stays true
/// until it commits. WAL lets readers work beside the writer.
/// </summary>
public sealed class SqliteDialect(string path) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // A writer waits this long for another connection's write lock (busy retries) before failing.
        DefaultTimeout = 30,
    }.ToString();

    public string FilePath { get; } = Path.GetFullPath(path);

    public override string Name => "sqlite";

    public override string DecimalType => "TEXT";

    public override string OrdinalTextType => "TEXT";

    public override string LockRows => "";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // A non-deferred transaction begins with BEGIN IMMEDIATE (waiting out another writer's lock up to DefaultTimeout).
        // Microsoft.Data.Sqlite is synchronous underneath; its async methods would run this same call.
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE already excludes every other writer. WAL is a property of the file, set outside a transaction
        // before it; setting it again is a no-op.
        await Task.CompletedTask;
    }

    /// <summary>Switches the file to WAL (persistent); must run outside a transaction.</summary>
    public static async Task UseWriteAheadLogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override object ToDb(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted after disposal.
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}
