using GridTokenX.ReadModel.Queries;
using GridTokenX.ReadModel.Storage;
using GridTokenX.ReadModel.Writing;

namespace GridTokenX.ReadModel.Tests;

/// <summary>
/// Every behaviour of the read model, run against each database by a subclass that supplies a fresh, empty one per
/// test (SQLite: a temp file; PostgreSQL: a new database on a real server). The behaviours live in the partial files
/// beside this one.
/// </summary>
public abstract partial class ReadModelContract : IAsyncLifetime
{
    private ReadModelDatabase? _database;

    protected ReadModelDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected IReadModelWriter Writer { get; private set; } = null!;

    protected IReadModelReader Reader { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new connection to this test's database, as a second process would open it.</summary>
    protected abstract SqlDialect OpenDialect();

    /// <summary>Creates this test's empty database.</summary>
    protected abstract Task CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _database = new ReadModelDatabase(OpenDialect());
        Writer = new ReadModelWriter(_database, TimeProvider.System);
        Reader = new ReadModelReader(_database);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected Task<bool> WriteAsync(ReadModelBatch batch) => Writer.WriteAsync(batch, Ct);
}
