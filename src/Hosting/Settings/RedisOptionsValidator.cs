using GridTokenX.Redis.Connection;
using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Settings;

/// <summary>The connection string and every lock endpoint must parse; messages name the key and never echo a password.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.IsConfigured && !RedisOptions.TryParse(options.ConnectionString!, out _, out var error)) builder.AddError(error!);
        for (var i = 0; i < options.LockEndpoints.Count; i++)
        {
            if (!RedisOptions.TryParse(options.LockEndpoints[i], out _, out var lockError))
                builder.AddError(lockError!.Replace($"{RedisOptions.Section}:ConnectionString", $"{RedisOptions.Section}:LockEndpoints:{i}", StringComparison.Ordinal));
        }

        return builder.Build();
    }
}
