using System.Data.Common;
using System.Text.Json;
using GridTokenX.Grains.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Grains.Tests.CacheWarming.Sources;

/// <summary>The database source against a real SQLite file, through the provider-agnostic <see cref="DbDataSource"/>.</summary>
public sealed class DatabaseWarmingSourceTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gtx-warming-{Guid.NewGuid():N}.db");
    private DbDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = SqliteFactory.Instance.CreateDataSource($"Data Source={_file};Pooling=false");
        await using var command = _dataSource.CreateCommand("""
            CREATE TABLE custom_data (id TEXT PRIMARY KEY, name TEXT, amount TEXT, updated_at TEXT, score INTEGER);
            INSERT INTO custom_data VALUES ('a', 'Alpha', '12.3456789', '2026-01-02', 7);
            INSERT INTO custom_data VALUES ('b', 'Beta', '0.5', '2025-06-01', NULL);
            INSERT INTO custom_data VALUES ('c', 'Gamma', '1', '2026-03-04', 3);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        File.Delete(_file);
    }

    private static WarmingTask Task(string query, Dictionary<string, string> parameters) =>
        new("custom_warming", WarmingStrategy.Scheduled, WarmingPriority.Medium,
            new WarmingSourceSpec(WarmingSourceKind.Database) { Query = query, Parameters = parameters }, new KeyPattern("custom_data:{id}"),
            TimeSpan.FromMinutes(30));

    [Fact]
    public async Task Each_row_the_parameterised_query_returns_is_an_entry_keyed_by_its_columns()
    {
        var services = new ServiceCollection().AddSingleton(_dataSource).BuildServiceProvider();
        var source = new DatabaseWarmingSource(services);

        var entries = await source.FetchAsync(Task("SELECT * FROM custom_data WHERE updated_at > @since ORDER BY id", new() { ["since"] = "2026-01-01" }),
            null, CancellationToken.None).ToListAsync();

        Assert.Equal(["custom_data:a", "custom_data:c"], entries.Select(e => e.Key));
        using var a = JsonDocument.Parse(entries[0].Json);
        Assert.Equal(("Alpha", "12.3456789", 7), (a.RootElement.GetProperty("name").GetString(), a.RootElement.GetProperty("amount").GetString(),
            a.RootElement.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task A_null_column_is_JSON_null()
    {
        var services = new ServiceCollection().AddSingleton(_dataSource).BuildServiceProvider();

        var entries = await new DatabaseWarmingSource(services).FetchAsync(Task("SELECT id, score FROM custom_data WHERE id = @id", new() { ["id"] = "b" }),
            null, CancellationToken.None).ToListAsync();

        Assert.Equal("""{"id":"b","score":null}""", Assert.Single(entries).Json);
    }

    [Fact]
    public async Task A_bad_query_fails_with_the_providers_error()
    {
        var services = new ServiceCollection().AddSingleton(_dataSource).BuildServiceProvider();

        await Assert.ThrowsAsync<SqliteException>(async () =>
            await new DatabaseWarmingSource(services).FetchAsync(Task("SELECT * FROM missing_table", []), null, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Without_a_registered_database_the_source_is_unavailable()
    {
        var source = new DatabaseWarmingSource(new ServiceCollection().BuildServiceProvider());

        await Assert.ThrowsAsync<WarmingSourceUnavailableException>(async () =>
            await source.FetchAsync(Task("SELECT 1", []), null, CancellationToken.None).ToListAsync());
    }
}
