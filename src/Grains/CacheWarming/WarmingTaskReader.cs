using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>Turns <see cref="CacheWarmingOptions"/> into task definitions, naming the full key of every bad setting.</summary>
public static partial class WarmingTaskReader
{
    public static IReadOnlyList<WarmingTask> Read(CacheWarmingOptions options, IReadOnlyCollection<string> computedFunctions, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        errors = [];
        var tasks = new List<WarmingTask>();
        foreach (var (name, o) in options.Tasks.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (o is null || !o.Enabled) continue;
            var prefix = $"{CacheWarmingOptions.Section}:Tasks:{name}:";
            if (!TaskName().IsMatch(name)) errors.Add($"{CacheWarmingOptions.Section}:Tasks: '{name}' is not a task name (1-64 of a-z, 0-9, '_' and '-').");
            if (Read(prefix, name, o, computedFunctions, errors) is { } task) tasks.Add(task);
        }

        // Dependencies on a disabled task are dropped with it: a disabled task must not hold back the ones that need it.
        var enabled = tasks.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return tasks.Select(t => t with
        {
            DependsOn = [.. t.DependsOn.Where(d => enabled.Contains(d) || !options.Tasks.TryGetValue(d, out var other) || other is null || other.Enabled)],
        }).ToList();
    }

    private static WarmingTask? Read(string prefix, string name, WarmingTaskOptions o, IReadOnlyCollection<string> computedFunctions, List<string> errors)
    {
        var before = errors.Count;
        if (!WireNames.TryParse<WarmingStrategy>(o.Strategy, out var strategy))
            errors.Add($"{prefix}Strategy must be one of startup, scheduled, access_pattern, on_demand.");
        if (!WireNames.TryParse<WarmingPriority>(o.Priority, out var priority))
            errors.Add($"{prefix}Priority must be one of critical, high, medium, low.");
        KeyPattern? pattern = null;
        if (string.IsNullOrWhiteSpace(o.KeyPattern) || o.KeyPattern.Length > 200 || o.KeyPattern.StartsWith(':'))
            errors.Add($"{prefix}KeyPattern must be set: a key such as 'ticker:{{symbol}}' (at most 200 characters).");
        else pattern = new KeyPattern(o.KeyPattern);
        Range(errors, prefix + "TtlSeconds", o.TtlSeconds, 1, 7 * 86_400);
        Range(errors, prefix + "BatchSize", o.BatchSize, 1, 10_000);
        Range(errors, prefix + "MaxAttempts", o.MaxAttempts, 1, 20);
        Range(errors, prefix + "AccessThreshold", o.AccessThreshold, 1, 1_000_000);
        Range(errors, prefix + "MissThreshold", o.MissThreshold, 1, 1_000_000);
        if (o.Interval is { } interval && (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromDays(1)))
            errors.Add($"{prefix}Interval must be between 00:00:00.100 and 1.00:00:00.");
        if (o.Interval is null && strategy is WarmingStrategy.Scheduled or WarmingStrategy.AccessPattern)
            errors.Add($"{prefix}Interval must be set for a {WireNames.Of(strategy)} task.");
        if (o.RetryDelay < TimeSpan.Zero || o.RetryDelay > TimeSpan.FromMinutes(10) || o.MaxRetryDelay < o.RetryDelay || o.MaxRetryDelay > TimeSpan.FromMinutes(10))
            errors.Add($"{prefix}RetryDelay and MaxRetryDelay must be between 00:00:00 and 00:10:00, RetryDelay not above MaxRetryDelay.");
        if (!(o.RetryBackoffFactor is >= 1 and <= 100)) errors.Add($"{prefix}RetryBackoffFactor must be between 1 and 100.");
        if (o.AccessWindow <= TimeSpan.Zero || o.AccessWindow > TimeSpan.FromDays(1)) errors.Add($"{prefix}AccessWindow must be between 00:00:00 (exclusive) and 1.00:00:00.");
        if (!(o.PrefetchFactor is >= 0 and <= 100)) errors.Add($"{prefix}PrefetchFactor must be between 0 and 100.");
        if (o.DependsOn.Contains(name, StringComparer.Ordinal)) errors.Add($"{prefix}DependsOn names the task itself.");
        var source = ReadSource(prefix + "Source:", o.Source, pattern, computedFunctions, errors);
        if (errors.Count > before || source is null || pattern is null) return null;

        return new WarmingTask(name, strategy, priority, source, pattern, TimeSpan.FromSeconds(o.TtlSeconds))
        {
            DependsOn = [.. o.DependsOn.Distinct(StringComparer.Ordinal)],
            BatchSize = o.BatchSize,
            Interval = o.Interval,
            Retry = new RetryPolicy(o.MaxAttempts, o.RetryDelay, o.RetryBackoffFactor, o.MaxRetryDelay),
            AccessThreshold = o.AccessThreshold,
            AccessWindow = o.AccessWindow,
            MissThreshold = o.MissThreshold,
            PrefetchFactor = o.PrefetchFactor,
        };
    }

    private static WarmingSourceSpec? ReadSource(string prefix, WarmingSourceOptions? s, KeyPattern? pattern, IReadOnlyCollection<string> computedFunctions,
        List<string> errors)
    {
        if (s is null || !WireNames.TryParse<WarmingSourceKind>(s.Kind, out var kind))
        {
            errors.Add($"{prefix}Kind must be one of database, http, static, computed.");
            return null;
        }

        var before = errors.Count;
        Uri? url = null;
        switch (kind)
        {
            case WarmingSourceKind.Database when string.IsNullOrWhiteSpace(s.Query):
                errors.Add($"{prefix}Query must be set for a database source.");
                break;
            case WarmingSourceKind.Http when !Uri.TryCreate(s.Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"):
                errors.Add($"{prefix}Url must be an absolute http or https URL.");
                break;
            case WarmingSourceKind.Static:
                if (s.Values.Count == 0) errors.Add($"{prefix}Values must hold at least one value.");
                if (pattern is not null && pattern.Placeholders.Count > 1) errors.Add($"{prefix}Values: a static task's key pattern has at most one placeholder.");
                foreach (var (key, json) in s.Values.Where(v => !IsJson(v.Value))) errors.Add($"{prefix}Values:{key} must be JSON.");
                break;
            case WarmingSourceKind.Computed when s.Function is null || !computedFunctions.Contains(s.Function):
                errors.Add($"{prefix}Function must name a registered function ({string.Join(", ", computedFunctions.Order(StringComparer.Ordinal))}).");
                break;
        }

        return errors.Count > before ? null : new WarmingSourceSpec(kind)
        {
            Query = s.Query,
            Parameters = new Dictionary<string, string>(s.Parameters, StringComparer.Ordinal),
            Url = url,
            Headers = new Dictionary<string, string>(s.Headers, StringComparer.OrdinalIgnoreCase),
            Values = new Dictionary<string, string>(s.Values, StringComparer.Ordinal),
            Function = s.Function,
        };
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add($"{key} must be between {min} and {max}.");
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex TaskName();
}
