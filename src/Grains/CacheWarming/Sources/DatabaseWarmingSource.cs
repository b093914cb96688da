using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// A SQL query with parameters (<c>Source:Query</c>, <c>Source:Parameters:{name}</c> bound as <c>@name</c>) through
/// whatever ADO.NET provider the host registered as <see cref="DbDataSource"/> (the read model's; SQLite or PostgreSQL).
/// Each row is one entry: its columns as a JSON object, its key the pattern filled from the columns of the same names.
/// Without a registered data source the run is skipped.
/// </summary>
public sealed class DatabaseWarmingSource(IServiceProvider services) : IWarmingSource
{
    public WarmingSourceKind Kind => WarmingSourceKind.Database;

    public async IAsyncEnumerable<WarmedEntry> FetchAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var dataSource = services.GetService<DbDataSource>()
            ?? throw new WarmingSourceUnavailableException("No database is configured for cache warming (no DbDataSource registered).");
        await using var command = dataSource.CreateCommand(task.Source.Query);
        foreach (var (name, value) in task.Source.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = task.KeyPattern.Fill(column => Column(reader, column));
            if (key is null) continue;
            yield return new WarmedEntry(key, JsonRows.Object(reader));
        }
    }

    private static string? Column(DbDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase))
                return reader.IsDBNull(i) ? null : JsonRows.Text(reader.GetValue(i));
        }

        return null;
    }
}
