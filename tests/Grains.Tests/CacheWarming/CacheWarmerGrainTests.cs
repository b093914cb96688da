using System.Text.Json;
using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Caching;
using GridTokenX.TestSupport;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.CacheWarming;

/// <summary>Warmer grains on real silos over a real Redis: schedules, the backplane, dependencies, and a silo killed under a task.</summary>
public sealed class CacheWarmerGrainTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static async Task<string?> LastPriceAsync(ApiSideCache api)
    {
        var view = await api.Cache.TryGetAsync("ticker:ENERGY-USD");
        return view is null ? null : JsonDocument.Parse(view.Json).RootElement.GetProperty("last_price").GetString();
    }

    private static async Task TradeAsync(TestCluster cluster, decimal price)
    {
        var market = cluster.Client.GetGrain<IOrderBookGrain>("ENERGY-USD");
        await market.PlaceOrder(new PlaceOrderCommand("seller", "ENERGY-USD", OrderSide.Sell, OrderType.Limit, TimeInForce.Gtc, price, 1m, null));
        await market.PlaceOrder(new PlaceOrderCommand("buyer", "ENERGY-USD", OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, price, 1m, null));
    }

    [Fact]
    public async Task The_scheduled_market_data_task_keeps_every_hosts_cache_fresh_through_Redis_and_the_backplane()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await WarmingCluster.StartAsync(redis.ConnectionString, 1);
        try
        {
            // An API host whose memory would keep an entry for 10 minutes: only the backplane can make it see a newer one.
            await using var api = new ApiSideCache(redis.ConnectionString, TimeSpan.FromMinutes(10));
            await Eventually.Until(async () => await api.Cache.TryGetAsync("ticker:ENERGY-USD") is not null, Deadline, "the condition to hold");
            Assert.Null(await LastPriceAsync(api));
            var db = (await redis.ConnectAsync()).GetDatabase();
            Assert.True(await db.KeyExistsAsync("gtx:cache:ticker:ENERGY-USD"));

            await TradeAsync(cluster, 0.1250m);

            await Eventually.Until(async () => await LastPriceAsync(api) == "0.1250", Deadline, "the condition to hold");
            var runs = await cluster.Client.GetGrain<ICacheWarmerGrain>("market_data").GetHistory(100);
            Assert.Contains(runs, r => r.Trigger == "schedule" && r.Outcome == WarmingOutcomes.Succeeded && r.KeysWritten == 1);
            Assert.True(api.Metrics.Snapshot().Hits > 0);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_up_runs_the_start_up_tasks_and_a_database_task_without_a_database_is_skipped_not_failed()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await WarmingCluster.StartAsync(redis.ConnectionString, 1, new Dictionary<string, string>
        {
            ["GridTokenX:CacheWarming:Tasks:custom_sql:Strategy"] = "startup",
            ["GridTokenX:CacheWarming:Tasks:custom_sql:KeyPattern"] = "custom:{id}",
            ["GridTokenX:CacheWarming:Tasks:custom_sql:Source:Kind"] = "database",
            ["GridTokenX:CacheWarming:Tasks:custom_sql:Source:Query"] = "SELECT 1 AS id",
        });
        try
        {
            var coordinator = cluster.Client.GetCacheWarmingCoordinator();
            await Eventually.Until(async () => (await coordinator.ListTasks()).Single(t => t.Name == "token_metadata").LastRun is not null, Deadline, "the condition to hold");
            var tasks = (await coordinator.ListTasks()).ToDictionary(t => t.Name);

            Assert.Equal((WarmingOutcomes.Succeeded, 2, "startup"), (tasks["token_metadata"].LastRun!.Outcome, tasks["token_metadata"].LastRun!.KeysWritten,
                tasks["token_metadata"].LastRun!.Trigger));
            var custom = await Eventually.Until(async () => (await coordinator.ListTasks()).Single(t => t.Name == "custom_sql"), t => t.LastRun is not null,
                Deadline, "the custom task's start-up run");
            Assert.Equal(WarmingOutcomes.Skipped, custom.LastRun!.Outcome);
            Assert.Null(custom.SuccessRate);
            // The default profile task reads the read model, which every silo has: it runs, it is not skipped.
            var profiles = await Eventually.Until(async () => (await coordinator.ListTasks()).Single(t => t.Name == "user_profiles"), t => t.LastRun is not null,
                Deadline, "the profiles' start-up run");
            Assert.Equal(WarmingOutcomes.Succeeded, profiles.LastRun!.Outcome);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Statistics_and_profiles_are_warmed_from_the_read_model_under_the_keys_the_API_reads()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await WarmingCluster.StartAsync(redis.ConnectionString, 1, new Dictionary<string, string>
        {
            // Only the triggers below run these two during the test.
            ["GridTokenX:CacheWarming:Tasks:trading_statistics:Interval"] = "01:00:00",
            ["GridTokenX:CacheWarming:Tasks:user_profiles:Interval"] = "01:00:00",
        });
        try
        {
            await using var api = new ApiSideCache(redis.ConnectionString, TimeSpan.FromSeconds(1));
            await TradeAsync(cluster, 0.1250m);
            await TradeAsync(cluster, 0.1300m);

            // The projector stores the trades within about half a second; each trigger warms what it holds by then.
            var stats = await Eventually.Until(async () => await WarmedAsync(cluster, api, "trading_statistics", CacheKeys.Stats("ENERGY-USD")),
                s => s?.GetProperty("all_time").GetProperty("trades").GetInt64() == 2, Deadline, "the statistics of both trades in the cache");
            var profile = await Eventually.Until(async () => await WarmedAsync(cluster, api, "user_profiles", CacheKeys.Profile("buyer")),
                p => p?.GetProperty("trades").GetInt64() == 2, Deadline, "the buyer's profile with both trades in the cache");

            Assert.Equal(("ENERGY-USD", 2L, "2.000", "0.1300", "0.1250"), (stats!.Value.GetProperty("symbol").GetString(), stats.Value.GetProperty("trades_24h").GetInt64(),
                stats.Value.GetProperty("volume_24h").GetString(), stats.Value.GetProperty("high_24h").GetString(), stats.Value.GetProperty("low_24h").GetString()));
            Assert.Equal(("buyer", "2.000"), (profile!.Value.GetProperty("user_id").GetString(), profile.Value.GetProperty("volume_bought").GetString()));
            Assert.NotNull(await api.Cache.TryGetAsync(CacheKeys.Profile("seller")));
            foreach (var task in new[] { "trading_statistics", "user_profiles" })
            {
                var runs = await cluster.Client.GetGrain<ICacheWarmerGrain>(task).GetHistory(100);
                Assert.All(runs, r => Assert.Equal(WarmingOutcomes.Succeeded, r.Outcome));
                Assert.Contains(runs, r => r.Trigger == "admin" && r.KeysWritten >= 1);
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Runs the task as the admin route does, waits for the run, and reads the key as an API host would.</summary>
    private static async Task<JsonElement?> WarmedAsync(TestCluster cluster, ApiSideCache api, string task, string key)
    {
        var warmer = cluster.Client.GetGrain<ICacheWarmerGrain>(task);
        var before = (await warmer.GetHistory(100)).Count;
        Assert.True(await cluster.Client.GetCacheWarmingCoordinator().Trigger(task));
        await Eventually.Until(async () => (await warmer.GetHistory(100)).Count > before, Deadline, "the triggered run");
        var view = await api.Cache.TryGetAsync(key);
        return view is null ? null : JsonDocument.Parse(view.Json).RootElement.Clone();
    }

    [Fact]
    public async Task Triggering_a_task_runs_what_it_depends_on_first()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await WarmingCluster.StartAsync(redis.ConnectionString, 1, new Dictionary<string, string>
        {
            // Long intervals: only the trigger runs these two during the test.
            ["GridTokenX:CacheWarming:Tasks:market_data:Interval"] = "01:00:00",
            ["GridTokenX:CacheWarming:Tasks:order_books:Interval"] = "01:00:00",
        });
        try
        {
            Assert.False(await cluster.Client.GetCacheWarmingCoordinator().Trigger("nope"));
            Assert.True(await cluster.Client.GetCacheWarmingCoordinator().Trigger("order_books"));

            var books = cluster.Client.GetGrain<ICacheWarmerGrain>("order_books");
            await Eventually.Until(async () => (await books.GetHistory(10)).Any(r => r.Trigger == "admin"), Deadline, "the condition to hold");
            var book = (await books.GetHistory(10)).Single(r => r.Trigger == "admin");
            var data = (await cluster.Client.GetGrain<ICacheWarmerGrain>("market_data").GetHistory(10)).Single(r => r.Trigger == "dependency");
            Assert.True(data.StartedAt + TimeSpan.FromMilliseconds(data.DurationMs) <= book.StartedAt);
            Assert.Equal((WarmingOutcomes.Succeeded, 1), (book.Outcome, book.KeysWritten));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_scheduled_task_keeps_running_after_the_silo_that_held_it_is_killed()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await WarmingCluster.StartAsync(redis.ConnectionString, 2);
        try
        {
            var warmer = cluster.Client.GetGrain<ICacheWarmerGrain>("market_data");
            await Eventually.Until(async () => (await warmer.GetHistory(100)).Count(r => r.Trigger == "schedule") >= 1, Deadline, "the condition to hold");
            var holder = await HolderAsync(cluster, "market_data");
            var survivor = cluster.Silos.Single(s => s.SiloAddress != holder);

            await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress == holder));
            var killedAt = DateTimeOffset.UtcNow;

            // Nobody calls the warmer: only its reminder can bring it back, on the silo that is left (once membership has
            // declared the killed one dead and the survivor has taken over its reminders: slow on a loaded machine).
            await Eventually.Until(async () => await HolderAsync(cluster, "market_data") == survivor.SiloAddress, TimeSpan.FromMinutes(3),
                "the warmer active again on the surviving silo");
            await Eventually.Until(async () => (await warmer.GetHistory(100)).Any(r => r.Trigger == "schedule" && r.StartedAt > killedAt), Deadline,
                "a scheduled run after the kill");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<SiloAddress?> HolderAsync(TestCluster cluster, string task)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.FirstOrDefault(s => s.GrainId.ToString().EndsWith("/" + task, StringComparison.Ordinal)
            && s.GrainId.Type.ToString()!.Contains("cache-warmer", StringComparison.Ordinal))?.SiloAddress;
    }
}
