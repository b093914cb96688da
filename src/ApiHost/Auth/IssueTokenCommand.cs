using System.Globalization;
using GridTokenX.Hosting.Settings;
using GridTokenX.Redis.Connection;

namespace GridTokenX.ApiHost.Auth;

/// <summary>
/// <c>issue-token --user alice [--role admin] [--ttl 1h]</c> or <c>issue-token --meter M1 [--ttl 30d]</c>: prints a token
/// signed with <c>Auth__SigningKey</c>, or, when no Redis is configured, with the standalone host's key file. A meter's
/// token (role <c>meter</c>, <c>sub</c> = the meter id) lasts 365 days unless <c>--ttl</c> says otherwise, as the one
/// meter registration hands out does.
/// </summary>
public static class IssueTokenCommand
{
    public const string Name = "issue-token";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        const string Usage = "Usage: issue-token --user <id> [--role user|admin] [--ttl 1h] | issue-token --meter <id> [--ttl 30d]";
        string? user = null;
        string? meter = null;
        string? role = null;
        TimeSpan? ttl = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user" when value is not null: user = value; i++; break;
                case "--meter" when value is not null: meter = value; i++; break;
                case "--role" when value is not null: role = value; i++; break;
                case "--ttl" when value is not null:
                    if (!TryParseDuration(value, out var parsed))
                    {
                        error.WriteLine($"--ttl '{value}' is not a duration like 30m, 1h, 7d or 01:00:00.");
                        return 2;
                    }

                    ttl = parsed;
                    i++;
                    break;
                default:
                    error.WriteLine($"Unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        if (meter is not null)
        {
            if (user is not null || role is not null)
            {
                error.WriteLine($"--meter cannot be combined with --user or --role. {Usage}");
                return 2;
            }

            if (!TokenIssuer.IsValidUserId(meter))
            {
                error.WriteLine("--meter must be 1-64 letters, digits, '_' or '-'.");
                return 2;
            }
        }
        else if (!TokenIssuer.IsValidUserId(user))
        {
            error.WriteLine("--user (or --meter) is required: 1-64 letters, digits, '_' or '-'.");
            return 2;
        }
        else if (role is not null and not (Roles.User or Roles.Admin))
        {
            error.WriteLine("--role must be 'user' or 'admin' (a meter's token: --meter <id>).");
            return 2;
        }

        AuthOptions options;
        bool standalone;
        try
        {
            options = OptionsReader.Read<AuthOptions>(configuration, AuthOptions.Section);
            // Standalone (no Redis configured): sign with the standalone host's key file, so the running host accepts it.
            standalone = !OptionsReader.Read(configuration, RedisOptions.Section, new RedisOptionsValidator()).IsConfigured;
        }
        catch (InvalidSettingsException ex)
        {
            foreach (var message in ex.Errors) error.WriteLine(message);
            return 2;
        }

        var errors = new List<string>();
        var key = SigningKey.Resolve(options, standalone, errors);
        if (key is null)
        {
            foreach (var message in errors) error.WriteLine(message);
            return 2;
        }

        // Said on stderr, so that an operator of a Redis deployment who forgot Auth__SigningKey sees why hosts refuse it.
        if (key.KeyFile is not null)
            error.WriteLine($"Signed with the standalone key in {key.KeyFile} (no Redis and no Auth__SigningKey configured): only a standalone host accepts it.");
        var issuer = new TokenIssuer(key, options, TimeProvider.System);
        output.WriteLine(meter is not null
            ? issuer.Issue(meter, Roles.Meter, ttl ?? Roles.MeterTokenLifetime)
            : issuer.Issue(user!, role ?? Roles.User, ttl ?? TimeSpan.FromHours(1)));
        return 0;
    }

    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        duration = default;
        if (value.Length >= 2 && long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            duration = value[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => TimeSpan.Zero,
            };
            if (duration > TimeSpan.Zero && duration <= TimeSpan.FromDays(365)) return true;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
