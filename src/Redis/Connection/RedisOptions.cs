using System.Net;
using StackExchange.Redis;

namespace GridTokenX.Redis.Connection;

/// <summary>Bound from <c>GridTokenX:Redis</c>. No connection string means standalone, in-memory mode.</summary>
public sealed class RedisOptions
{
    public const string Section = "GridTokenX:Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Independent Redis nodes for Redlock; empty means the main Redis.</summary>
    public List<string> LockEndpoints { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Parses the connection string, or explains what is wrong with it without echoing secrets.</summary>
    public static bool TryParse(string connectionString, out ConfigurationOptions options, out string? error)
    {
        options = null!;
        error = null;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad option key; it never contains the password value.
            error = $"{Section}:ConnectionString is not a valid StackExchange.Redis configuration: {ex.Message}";
            return false;
        }

        if (options.EndPoints.Count == 0)
        {
            error = $"{Section}:ConnectionString names no Redis endpoint (expected e.g. 'localhost:6379').";
            return false;
        }

        // Parse silently drops an endpoint it cannot read (e.g. a non-numeric port) and takes any other bare word,
        // even "=", for a host name, so a typo would only surface later as connection timeouts. Every part without
        // "key=" must have become an endpoint, and every host name must be one.
        var endpointParts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Count(part => part.IndexOf('=', StringComparison.Ordinal) <= 0);
        if (endpointParts != options.EndPoints.Count
            || options.EndPoints.OfType<DnsEndPoint>().Any(e => Uri.CheckHostName(e.Host) == UriHostNameType.Unknown))
        {
            error = $"{Section}:ConnectionString has an endpoint that is not a valid host[:port] (expected e.g. 'localhost:6379').";
            return false;
        }

        return true;
    }
}
