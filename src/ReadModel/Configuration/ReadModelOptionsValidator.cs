using Microsoft.Extensions.Options;
using Npgsql;

namespace GridTokenX.ReadModel.Configuration;

/// <summary>
/// Parses the PostgreSQL connection string at start-up, so a typo stops the host with the key named instead of
/// surfacing as failed writes later. The message never quotes the string (it may hold a password).
/// </summary>
public sealed class ReadModelOptionsValidator : IValidateOptions<ReadModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadModelOptions options)
    {
        if (!options.UsesPostgres) return ValidateOptionsResult.Success;
        return TryParse(options.ConnectionString!, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error!);
    }

    private static bool TryParse(string connectionString, out string? error)
    {
        error = null;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            error = $"{ReadModelOptions.Section}:ConnectionString is not a valid PostgreSQL (Npgsql) connection string (expected e.g. 'Host=db;Database=gridtokenx;Username=gtx').";
            return false;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            error = $"{ReadModelOptions.Section}:ConnectionString names no PostgreSQL host (expected e.g. 'Host=db;Database=gridtokenx;Username=gtx').";
            return false;
        }

        return true;
    }
}
