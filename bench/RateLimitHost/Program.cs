using System.Threading.RateLimiting;
using GridTokenX.Bench.RateLimitHost;
using GridTokenX.Grains.Abstractions.RateLimiting;
using GridTokenX.Hosting.Settings;
using Orleans.Configuration;
using RedisRateLimiting;
using StackExchange.Redis;

// One cheap route, GET /api/v1/markets, behind one of four limiters, so they are compared on equal terms: the same
// host, the same route, the same key (X-Client-Key, else the client IP) and the same sliding-window limit.
//   RATELIMIT_MODE=none        no limiter
//   RATELIMIT_MODE=gridtokenx  this project's limiter grain (one call per request to the key's grain; exact across hosts)
//   RATELIMIT_MODE=redis       RedisRateLimiting.AspNetCore 1.2.1 sliding window (Redis round trips per request)
//   RATELIMIT_MODE=inprocess   System.Threading.RateLimiting sliding window in this process (not shared across hosts)
// RATELIMIT_LIMIT and RATELIMIT_WINDOW_SECONDS set the limit; GridTokenX__Redis__ConnectionString and
// GridTokenX__ClusterId the Redis and the cluster (as for the API host).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var mode = builder.Configuration["RATELIMIT_MODE"] ?? "none";
var limit = int.Parse(builder.Configuration["RATELIMIT_LIMIT"] ?? "50000", System.Globalization.CultureInfo.InvariantCulture);
var window = TimeSpan.FromSeconds(double.Parse(builder.Configuration["RATELIMIT_WINDOW_SECONDS"] ?? "1", System.Globalization.CultureInfo.InvariantCulture));
var settings = HostSettings.Read(builder.Configuration);

switch (mode)
{
    case "gridtokenx":
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.Cluster.ClusterId;
                o.ServiceId = settings.Cluster.ServiceId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(settings.RedisConnectionString!));
        });
        builder.Services.AddSingleton(new RateLimitPolicy("api", RateLimitStrategy.SlidingWindow, limit, window));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GridTokenX.ApiHost.RateLimiting.RateLimitBatcher>();
        break;
    case "redis":
        var redis = ConnectionMultiplexer.Connect(settings.RedisConnectionString!);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RedisRateLimitPartition.GetSlidingWindowRateLimiter(
                ClientKey.Of(context), _ => new RedisSlidingWindowRateLimiterOptions { ConnectionMultiplexerFactory = () => redis, PermitLimit = limit, Window = window }));
        });
        break;
    case "inprocess":
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientKey.Of(context), _ => new SlidingWindowRateLimiterOptions { PermitLimit = limit, Window = window, SegmentsPerWindow = 10, QueueLimit = 0 }));
        });
        break;
    case "none":
        break;
    default:
        throw new InvalidOperationException("RATELIMIT_MODE must be none, gridtokenx, redis or inprocess.");
}

var app = builder.Build();
if (mode == "gridtokenx") app.UseMiddleware<GrainLimiterMiddleware>();
if (mode is "redis" or "inprocess") app.UseRateLimiter();
var markets = """[{"symbol":"ENERGY-USD","tick_size":"0.0001","lot_size":"0.001","min_price":"0.0100","max_price":"10.0000","min_quantity":"0.001","max_quantity":"100000.000"}]"""u8.ToArray();
app.MapGet("/api/v1/markets", () => Results.Bytes(markets, "application/json"));
app.MapGet("/health/ready", () => Results.Ok());
await app.RunAsync();
