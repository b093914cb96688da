using GridTokenX.ReadModel.Schema;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Fact]
    public async Task Migrating_again_applies_nothing_and_keeps_the_data()
    {
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: [Make.Trade(1, 1m, 1m, Make.T0)])));

        await using var dialect = OpenDialect();
        Assert.Empty(await new SchemaMigrator(dialect).MigrateAsync(Ct));
        Assert.Empty(await new SchemaMigrator(dialect).MigrateAsync(Ct));

        Assert.NotNull(await Reader.GetTradeAsync("ENERGY-USD.T1", Ct));
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), await VersionsAsync(dialect));
    }

    [Fact]
    public async Task A_new_step_is_applied_once_after_the_existing_ones()
    {
        await using var dialect = OpenDialect();
        var next = new Migration(Migrations.All.Count + 1, "test step", _ => ["CREATE TABLE rm_test_step (id bigint PRIMARY KEY)"]);
        Assert.Equal(Migrations.All.Select(m => m.Version), await new SchemaMigrator(dialect).MigrateAsync(Ct));

        Assert.Equal([next.Version], await new SchemaMigrator(dialect, [.. Migrations.All, next]).MigrateAsync(Ct));
        Assert.Empty(await new SchemaMigrator(dialect, [next, .. Migrations.All]).MigrateAsync(Ct));

        Assert.Equal([.. Migrations.All.Select(m => (long)m.Version), next.Version], await VersionsAsync(dialect));
        Assert.Throws<ArgumentException>(() => new SchemaMigrator(dialect, [next]));
    }

    [Fact]
    public async Task Two_processes_migrating_an_empty_database_at_once_apply_each_step_once()
    {
        await using var first = OpenDialect();
        await using var second = OpenDialect();

        var applied = await Task.WhenAll(new SchemaMigrator(first).MigrateAsync(Ct), new SchemaMigrator(second).MigrateAsync(Ct));

        Assert.Equal(Migrations.All.Select(m => m.Version), applied.SelectMany(a => a).Order());
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), await VersionsAsync(first));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: [Make.Trade(1, 1m, 1m, Make.T0)])));
    }

    private static async Task<List<long>> VersionsAsync(SqlDialect dialect)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        return await connection.Command(null, "SELECT version FROM rm_schema_version ORDER BY version").QueryAsync(r => r.GetInt64(0), Ct);
    }
}
