using GridTokenX.ReadModel.Storage;
using GridTokenX.TestSupport;

namespace GridTokenX.ReadModel.Tests;

/// <summary>The contract on a real PostgreSQL server (started by the fixture): a new database per test.</summary>
public sealed class PostgresReadModelTests(PostgresServerFixture fixture) : ReadModelContract, IClassFixture<PostgresServerFixture>
{
    private string? _connectionString;

    protected override SqlDialect OpenDialect() => new PostgresDialect(_connectionString ?? throw new InvalidOperationException("No database yet."));

    protected override async Task CreateDatabaseAsync() => _connectionString = await fixture.Server.CreateDatabaseAsync();
}
