using System.Data.Common;

namespace GridTokenX.ReadModel.Storage;

/// <summary>
/// What differs between the two databases; every statement the read model runs is otherwise the same text on both
/// (both speak <c>INSERT … ON CONFLICT</c>, <c>LIMIT</c> and named <c>@parameters</c>).
/// </summary>
public abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql", for logs and the admin view.</summary>
    public abstract string Name { get; }

    /// <summary>The column type of an exact decimal.</summary>
    public abstract string DecimalType { get; }

    /// <summary>The column type of text that is sorted or compared by range: ordinal, as C# compares symbols.</summary>
    public abstract string OrdinalTextType { get; }

    /// <summary>Appended to a SELECT whose rows the transaction is about to rewrite from what it read.</summary>
    public abstract string LockRows { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that may read, compute and write back: no other writer changes what it read meanwhile.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inside <paramref name="transaction"/>, waits until no other process is migrating the same database.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A decimal as a parameter value: exact, in whatever form the column stores it.</summary>
    public abstract object ToDb(decimal value);

    public abstract decimal ReadDecimal(DbDataReader reader, int ordinal);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
