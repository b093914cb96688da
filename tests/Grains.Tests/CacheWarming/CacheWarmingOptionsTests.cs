using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;
using Microsoft.Extensions.Configuration;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class CacheWarmingOptionsTests
{
    private static readonly ComputedFunctions Functions = new(
    [
        new MarketTickersFunction(null!, null!), new MarketBooksFunction(null!, null!), new PriceHistoryFunction(null!, null!),
        new MarketStatsFunction(null!, null!, null!), new UserProfilesFunction(null!, null!, null!),
    ]);

    private static CacheWarmingOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new CacheWarmingOptions();
        OptionsBinding.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(CacheWarmingOptions.Section), options);
        return options;
    }

    [Fact]
    public void The_founding_documents_six_tasks_are_there_by_default_and_valid()
    {
        var tasks = WarmingTaskReader.Read(new CacheWarmingOptions(), Functions.Names, out var errors);

        Assert.Empty(errors);
        Assert.True(new CacheWarmingOptionsValidator(Functions).Validate(null, new CacheWarmingOptions()).Succeeded);
        Assert.Equal(["market_data", "order_books", "price_history", "token_metadata", "trading_statistics", "user_profiles"],
            tasks.Select(t => t.Name).Order(StringComparer.Ordinal));
        var byName = tasks.ToDictionary(t => t.Name);
        Assert.Equal((WarmingStrategy.Scheduled, WarmingPriority.Critical), (byName["market_data"].Strategy, byName["market_data"].Priority));
        Assert.Equal(WarmingStrategy.AccessPattern, byName["order_books"].Strategy);
        Assert.Equal((WarmingStrategy.OnDemand, 1800), (byName["price_history"].Strategy, (int)byName["price_history"].Ttl.TotalSeconds));
        Assert.Equal((WarmingPriority.High, 1800), (byName["user_profiles"].Priority, (int)byName["user_profiles"].Ttl.TotalSeconds));
        Assert.Equal(3600, (int)byName["trading_statistics"].Ttl.TotalSeconds);
        // Both read the read model through the reader the API routes use, not SQL of their own (docs/cache.md).
        Assert.Equal([(WarmingSourceKind.Computed, "user_profiles"), (WarmingSourceKind.Computed, "market_stats")],
            new[] { byName["user_profiles"].Source, byName["trading_statistics"].Source }.Select(s => (s.Kind, s.Function)));
        Assert.Equal((WarmingPriority.Medium, 7200), (byName["token_metadata"].Priority, (int)byName["token_metadata"].Ttl.TotalSeconds));
        // Fresh within the 5 s staleness bound: every task that runs on its own runs at least that often, or is static.
        Assert.All(tasks.Where(t => t.Source.Kind != WarmingSourceKind.Static && t.Interval is not null), t => Assert.True(t.Interval <= TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Settings_change_a_default_task_field_by_field_and_add_a_custom_SQL_task()
    {
        var options = Bind(new()
        {
            ["GridTokenX:CacheWarming:Tasks:market_data:Interval"] = "00:00:01",
            ["GridTokenX:CacheWarming:Tasks:user_profiles:Enabled"] = "false",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Strategy"] = "scheduled",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Priority"] = "medium",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:KeyPattern"] = "custom_data:{id}",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:TtlSeconds"] = "1800",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Interval"] = "00:10:00",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Source:Kind"] = "database",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Source:Query"] = "SELECT * FROM custom_data WHERE updated_at > @since",
            ["GridTokenX:CacheWarming:Tasks:custom_warming:Source:Parameters:since"] = "2026-01-01",
        });

        var tasks = WarmingTaskReader.Read(options, Functions.Names, out var errors).ToDictionary(t => t.Name);

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(1), tasks["market_data"].Interval);
        Assert.Equal("ticker:{symbol}", tasks["market_data"].KeyPattern.Text);
        Assert.DoesNotContain("user_profiles", tasks.Keys);
        var custom = tasks["custom_warming"];
        Assert.Equal((WarmingSourceKind.Database, "2026-01-01", 1800), (custom.Source.Kind, custom.Source.Parameters["since"], (int)custom.Ttl.TotalSeconds));
    }

    [Fact]
    public void A_dependency_cycle_in_settings_fails_validation_naming_it()
    {
        var options = Bind(new()
        {
            ["GridTokenX:CacheWarming:Tasks:market_data:DependsOn:0"] = "trading_statistics",
        });

        var result = new CacheWarmingOptionsValidator(Functions).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("GridTokenX:CacheWarming:Tasks: the dependencies form a cycle: market_data -> trading_statistics -> market_data.", result.FailureMessage);
    }

    [Theory]
    [InlineData("Strategy", "sometimes", "GridTokenX:CacheWarming:Tasks:market_data:Strategy must be one of")]
    [InlineData("TtlSeconds", "0", "GridTokenX:CacheWarming:Tasks:market_data:TtlSeconds must be between 1 and 604800.")]
    [InlineData("Source:Function", "nope", "GridTokenX:CacheWarming:Tasks:market_data:Source:Function must name a registered function")]
    [InlineData("Interval", "00:00:00.001", "GridTokenX:CacheWarming:Tasks:market_data:Interval must be between")]
    [InlineData("DependsOn:0", "ghost", "GridTokenX:CacheWarming:Tasks:market_data:DependsOn names 'ghost', which is not a task.")]
    public void A_bad_task_setting_is_refused_naming_its_key(string field, string value, string message)
    {
        var options = Bind(new() { [$"GridTokenX:CacheWarming:Tasks:market_data:{field}"] = value });

        var result = new CacheWarmingOptionsValidator(Functions).Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_value_that_is_not_JSON_is_refused()
    {
        var options = Bind(new() { ["GridTokenX:CacheWarming:Tasks:token_metadata:Source:Values:KWH"] = "{not json" });

        var result = new CacheWarmingOptionsValidator(Functions).Validate(null, options);

        Assert.Equal("GridTokenX:CacheWarming:Tasks:token_metadata:Source:Values:KWH must be JSON.", result.FailureMessage);
    }
}
