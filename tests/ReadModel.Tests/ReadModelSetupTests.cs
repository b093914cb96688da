using GridTokenX.ReadModel.Configuration;
using GridTokenX.ReadModel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridTokenX.ReadModel.Tests;

/// <summary><c>AddGridTokenXReadModel</c>: which database the settings select, what they refuse, and migration at start-up.</summary>
public sealed class ReadModelSetupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtx-readmodel-setup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Without_a_connection_string_the_host_starts_on_a_SQLite_file_it_creates_and_migrates()
    {
        var path = Path.Combine(_directory, "data", "readmodel.db");
        await using var services = Build(new() { ["GridTokenX:ReadModel:SqlitePath"] = path });

        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);

        Assert.IsType<SqliteDialect>(services.GetRequiredService<ReadModelDatabase>().Dialect);
        Assert.True(File.Exists(path));
        Assert.True(await services.GetRequiredService<IReadModelWriter>().WriteAsync(Make.Batch(Make.Market, 1), CancellationToken.None));
        Assert.Equal(1L, await services.GetRequiredService<IReadModelWriter>().GetPositionAsync(Make.Market, CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_string_selects_PostgreSQL()
    {
        await using var services = Build(new() { ["GridTokenX:ReadModel:ConnectionString"] = "Host=db.example;Database=gtx;Username=gtx;Password=s3cret" });

        Assert.IsType<PostgresDialect>(services.GetRequiredService<ReadModelDatabase>().Dialect);
    }

    [Theory]
    [InlineData("Username=gtx;Password=s3cret", "GridTokenX:ReadModel:ConnectionString names no PostgreSQL host")]
    [InlineData("Host=db;Password=s3cret;Bogus Key=1", "GridTokenX:ReadModel:ConnectionString is not a valid PostgreSQL")]
    public async Task A_bad_connection_string_is_refused_by_key_without_echoing_it(string connectionString, string message)
    {
        await using var services = Build(new() { ["GridTokenX:ReadModel:ConnectionString"] = connectionString });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReadModelOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_SQLite_path_is_refused_by_key()
    {
        await using var services = Build(new() { ["GridTokenX:ReadModel:SqlitePath"] = "" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReadModelOptions>>().Value);

        Assert.Contains("GridTokenX:ReadModel:SqlitePath", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddGridTokenXReadModel(configuration);
        return services.BuildServiceProvider();
    }
}
