using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// <c>GridTokenX:CacheWarming</c>: the warming tasks by name. The founding document's six are present by default
/// (<see cref="DefaultTasks"/>); settings change them field by field, disable them (<c>Enabled=false</c>) or add more.
/// </summary>
public sealed class CacheWarmingOptions
{
    public const string Section = "GridTokenX:CacheWarming";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Period of each scheduled task's reminder, the schedule that survives a silo: a task whose silo died is running
    /// again on another silo at most this long after (its timer keeps the shorter interval while it is active).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "GridTokenX:CacheWarming:ReminderPeriod must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Start-up tasks run this many at a time (in priority order; a batch waits for the previous one).</summary>
    [Range(1, 64, ErrorMessage = "GridTokenX:CacheWarming:StartupBatchSize must be between 1 and 64.")]
    public int StartupBatchSize { get; set; } = 4;

    public Dictionary<string, WarmingTaskOptions> Tasks { get; set; } = DefaultTasks();

    /// <summary>
    /// The founding document's tasks, with intervals short enough for a 5 s staleness bound. Profiles and statistics
    /// are computed from the read model (its reader, the same query and JSON the API routes use, so a warmed key is what
    /// the route would serve); token metadata is static; market data, order books and price history are computed from
    /// the market grains (docs/cache.md, "Default tasks").
    /// </summary>
    public static Dictionary<string, WarmingTaskOptions> DefaultTasks() => new(StringComparer.Ordinal)
    {
        ["market_data"] = new()
        {
            Strategy = "scheduled",
            Priority = "critical",
            KeyPattern = "ticker:{symbol}",
            TtlSeconds = 300,
            Interval = TimeSpan.FromSeconds(2),
            Source = new() { Kind = "computed", Function = Sources.MarketTickersFunction.FunctionName },
        },
        ["order_books"] = new()
        {
            Strategy = "access_pattern",
            Priority = "high",
            KeyPattern = "book:{symbol}",
            TtlSeconds = 60,
            Interval = TimeSpan.FromSeconds(1),
            AccessThreshold = 5,
            AccessWindow = TimeSpan.FromSeconds(30),
            DependsOn = ["market_data"],
            Source = new() { Kind = "computed", Function = Sources.MarketBooksFunction.FunctionName },
        },
        ["user_profiles"] = new()
        {
            Strategy = "startup",
            Priority = "high",
            KeyPattern = "profile:{user_id}",
            TtlSeconds = 1800,
            BatchSize = 500,
            // Start-up as the founding document has it, then kept within the staleness bound like the other views.
            Interval = TimeSpan.FromSeconds(2),
            Source = new()
            {
                Kind = "computed",
                Function = Sources.UserProfilesFunction.FunctionName,
                Parameters = new(StringComparer.Ordinal) { ["users"] = "200", ["trades"] = "1000" },
            },
        },
        ["trading_statistics"] = new()
        {
            Strategy = "scheduled",
            Priority = "medium",
            KeyPattern = "stats:{symbol}",
            TtlSeconds = 3600,
            Interval = TimeSpan.FromSeconds(2),
            DependsOn = ["market_data"],
            Source = new() { Kind = "computed", Function = Sources.MarketStatsFunction.FunctionName },
        },
        ["price_history"] = new()
        {
            Strategy = "on_demand",
            Priority = "medium",
            KeyPattern = "price-history:{symbol}",
            TtlSeconds = 1800,
            MissThreshold = 3,
            PrefetchFactor = 1,
            Source = new() { Kind = "computed", Function = Sources.PriceHistoryFunction.FunctionName },
        },
        ["token_metadata"] = new()
        {
            Strategy = "startup",
            Priority = "medium",
            KeyPattern = "token:{asset}",
            TtlSeconds = 7200,
            Interval = TimeSpan.FromMinutes(30),
            Source = new()
            {
                Kind = "static",
                Values = new(StringComparer.Ordinal)
                {
                    ["KWH"] = """{"asset":"KWH","name":"Energy token","unit":"kWh","decimals":3,"minted_from":"meter readings"}""",
                    ["USD"] = """{"asset":"USD","name":"US dollar","unit":"USD","decimals":null,"minted_from":"deposits"}""",
                },
            },
        },
    };
}
