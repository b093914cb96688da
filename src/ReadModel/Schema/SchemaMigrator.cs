using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Schema;

/// <summary>
/// Brings a database to the newest schema: in one transaction that first excludes every other migrator (an advisory
/// lock on PostgreSQL, the write lock on SQLite), reads <c>rm_schema_version</c> and applies the missing steps in
/// version order, each with its version row. Running it again, or in two processes at once, applies nothing twice.
/// </summary>
public sealed class SchemaMigrator(SqlDialect dialect, IReadOnlyList<Migration>? migrations = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IReadOnlyList<Migration> _migrations = Ordered(migrations ?? Migrations.All);

    /// <returns>The versions this call applied (empty when the schema was current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        if (dialect is SqliteDialect) await SqliteDialect.UseWriteAheadLogAsync(connection, cancellationToken);

        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        await dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
        await connection.Command(transaction, """
            CREATE TABLE IF NOT EXISTS rm_schema_version (
                version bigint PRIMARY KEY,
                description text NOT NULL,
                applied_at bigint NOT NULL)
            """).ExecuteAsync(cancellationToken);
        var current = await connection.Command(transaction, "SELECT MAX(version) FROM rm_schema_version")
            .ScalarInt64Async(cancellationToken) ?? 0;

        var applied = new List<int>();
        foreach (var migration in _migrations.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements(dialect))
                await connection.Command(transaction, statement).ExecuteAsync(cancellationToken);
            await connection.Command(transaction, "INSERT INTO rm_schema_version (version, description, applied_at) VALUES (@v, @d, @t)")
                .With("@v", (long)migration.Version).With("@d", migration.Description).With("@t", _time.GetUtcNow().UtcTicks)
                .ExecuteAsync(cancellationToken);
            applied.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static Migration[] Ordered(IReadOnlyList<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Version != i + 1)
                throw new ArgumentException($"Migration versions must be 1, 2, 3 … without gaps or repeats; found {ordered[i].Version} at place {i + 1}.", nameof(migrations));
        }

        return ordered;
    }
}
