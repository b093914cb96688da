using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Tests;

/// <summary>The contract on the embedded database: a fresh file per test.</summary>
public sealed class SqliteReadModelTests : ReadModelContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtx-readmodel-" + Guid.NewGuid().ToString("N"));

    protected override SqlDialect OpenDialect() => new SqliteDialect(Path.Combine(_directory, "data", "readmodel.db"));

    protected override Task CreateDatabaseAsync() => Task.CompletedTask; // SqliteDialect creates the folder and file.

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
