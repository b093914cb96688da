using GridTokenX.ReadModel.Configuration;
using GridTokenX.ReadModel.Schema;

namespace GridTokenX.ReadModel.Storage;

/// <summary>The configured database and the promise that its schema is current before anything reads or writes it.</summary>
public sealed class ReadModelDatabase(SqlDialect dialect, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public SqlDialect Dialect => dialect;

    public static ReadModelDatabase Create(ReadModelOptions options, TimeProvider time) =>
        new(options.UsesPostgres ? new PostgresDialect(options.ConnectionString!) : new SqliteDialect(options.SqlitePath), time);

    /// <summary>Migrates once per process (the start-up service does it first; this covers anything earlier).</summary>
    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_ready) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            await new SchemaMigrator(dialect, time: time).MigrateAsync(cancellationToken);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await dialect.DisposeAsync();
        _gate.Dispose();
    }
}
