using GridTokenX.ReadModel.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridTokenX.ReadModel.Configuration;

/// <summary>Creates or migrates the schema while the host starts, so a database that cannot be reached or migrated stops start-up.</summary>
public sealed partial class ReadModelSchemaService(ReadModelDatabase database, ILogger<ReadModelSchemaService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        LogReady(logger, database.Dialect.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Read model schema is current ({Database}).")]
    private static partial void LogReady(ILogger logger, string database);
}
