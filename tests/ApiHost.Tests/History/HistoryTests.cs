using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Minting;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.History;

/// <summary>
/// Candles, stats, token metadata and profiles over the real standalone host: trades and mints made through the API
/// reach the read model through the silo's projector, and the figures equal an aggregation of those trades.
/// </summary>
public sealed class HistoryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-1);

    [Fact]
    public async Task Candles_and_stats_equal_an_aggregation_of_the_trades_made_through_the_API()
    {
        // SOLAR-USD is this class's own market for trading (tick 0.01, lot 1); its read model starts empty with the host.
        using var seller = api.As(MeterSetup.NewId("hs"));
        using var buyer = api.As(MeterSetup.NewId("hb"));
        var trades = new List<JsonElement>();
        var prices = new[] { "1.25", "1.31", "0.97", "1.50", "1.07", "1.11" };
        for (var i = 0; i < prices.Length; i++)
        {
            await Place(seller, "sell", prices[i], (i + 1).ToString(CultureInfo.InvariantCulture));
            var placed = await Place(buyer, "buy", prices[i], (i + 1).ToString(CultureInfo.InvariantCulture));
            trades.AddRange(placed.GetProperty("trades").EnumerateArray());
        }

        Assert.Equal(prices.Length, trades.Count);
        using var anonymous = api.Anonymous();
        var stats = await Eventually.Until(() => Get(anonymous, "/api/v1/markets/SOLAR-USD/stats"),
            s => s.GetProperty("all_time").GetProperty("trades").GetInt64() == trades.Count, Wait, "the projector to store every trade");

        var price = (JsonElement t) => decimal.Parse(t.Str("price"), CultureInfo.InvariantCulture);
        var quantity = (JsonElement t) => decimal.Parse(t.Str("quantity"), CultureInfo.InvariantCulture);
        var volume = trades.Sum(quantity);
        var value = trades.Sum(t => price(t) * quantity(t));
        Assert.Equal("SOLAR-USD", stats.Str("symbol"));
        Assert.Equal(trades.Count, stats.GetProperty("trades_24h").GetInt64());
        Assert.Equal(volume, Dec(stats, "volume_24h"));
        Assert.Equal(value, Dec(stats, "value_24h"));
        Assert.Equal(value / volume, Dec(stats, "vwap_24h"));
        Assert.Equal(trades.Max(price), Dec(stats, "high_24h"));
        Assert.Equal(trades.Min(price), Dec(stats, "low_24h"));
        var allTime = stats.GetProperty("all_time");
        Assert.Equal(volume, Dec(allTime, "volume"));
        Assert.Equal(value, Dec(allTime, "value"));
        Assert.Equal(trades.Min(t => t.Str("executed_at")), allTime.Str("first_trade_at"));

        foreach (var (interval, length) in new[] { ("1m", TimeSpan.FromMinutes(1)), ("1h", TimeSpan.FromHours(1)), ("1d", TimeSpan.FromDays(1)) })
        {
            var expected = trades
                .GroupBy(t => Open(DateTimeOffset.Parse(t.Str("executed_at"), CultureInfo.InvariantCulture), length))
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var ordered = g.OrderBy(t => Number(t.Str("trade_id"))).ToList();
                    return string.Join('|', Time(g.Key), Time(g.Key + length - TimeSpan.FromMilliseconds(1)), N(price(ordered[0])), N(ordered.Max(price)),
                        N(ordered.Min(price)), N(price(ordered[^1])), N(ordered.Sum(quantity)), N(ordered.Sum(t => price(t) * quantity(t))), ordered.Count);
                }).ToList();
            var candles = (await Get(anonymous, $"/api/v1/markets/SOLAR-USD/candles?interval={interval}")).EnumerateArray()
                .Select(c => string.Join('|', c.Str("open_time"), c.Str("close_time"), N(Dec(c, "open")), N(Dec(c, "high")), N(Dec(c, "low")),
                    N(Dec(c, "close")), N(Dec(c, "volume")), N(Dec(c, "value")), c.GetProperty("trades").GetInt64()))
                .ToList();
            Assert.Equal(expected, candles);
        }

        // Prices carry the market's decimals on the wire, like every other price.
        var first = (await Get(anonymous, "/api/v1/markets/SOLAR-USD/candles?interval=1d"))[0];
        Assert.Matches(@"^\d+\.\d{2}$", first.Str("open"));
        Assert.Matches(@"^\d+$", first.Str("volume"));
        Assert.Empty((await Get(anonymous, "/api/v1/markets/SOLAR-USD/candles?interval=1m&end=2000-01-01T00:00:00Z")).EnumerateArray());
    }

    [Fact]
    public async Task A_mint_shows_in_the_token_figures_and_in_its_owners_profile_only()
    {
        using var anonymous = api.Anonymous();
        var before = await Get(anonymous, "/api/v1/tokens/KWH");
        var (meterId, owner, readingId) = (MeterSetup.NewId("HM"), MeterSetup.NewId("ho"), MeterSetup.NewId("r"));
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);
        await MeterSetup.PostReadingAsync(meter, meterId, readingId, "7.125", Earlier);
        using var user = api.As(owner);
        var minted = await ApiJson.AssertStatusAsync(await MeterSetup.MintAsync(user, readingId), HttpStatusCode.Created);

        var token = await Eventually.Until(() => Get(anonymous, "/api/v1/tokens/KWH"),
            t => t.GetProperty("mints").GetInt64() == before.GetProperty("mints").GetInt64() + 1, Wait, "the mint to reach the read model");
        Assert.Equal("KWH", token.Str("asset"));
        Assert.Equal(Dec(before, "total_minted") + 7.125m, Dec(token, "total_minted"));
        Assert.Equal(before.GetProperty("holders").GetInt64() + 1, token.GetProperty("holders").GetInt64());
        Assert.Equal(before.GetProperty("mints_24h").GetInt64() + 1, token.GetProperty("mints_24h").GetInt64());
        Assert.Equal(minted.GetProperty("mint").Str("minted_at"), token.Str("last_mint_at"));

        var profile = await Get(user, "/api/v1/account/profile");
        Assert.Equal(owner, profile.Str("user_id"));
        Assert.Equal(7.125m, Dec(profile, "kwh_minted"));
        Assert.Equal(1, profile.GetProperty("meters").GetInt64());
        Assert.NotNull(profile.GetProperty("first_seen_at").GetString());

        using var stranger = api.As(MeterSetup.NewId("hx"));
        var theirs = await Get(stranger, "/api/v1/account/profile");
        Assert.NotEqual(owner, theirs.Str("user_id"));
        Assert.Equal(0m, Dec(theirs, "kwh_minted"));
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("first_seen_at").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/markets/SOLAR-USD/candles?interval=2m", "interval")]
    [InlineData("/api/v1/markets/SOLAR-USD/candles?limit=0", "limit")]
    [InlineData("/api/v1/markets/SOLAR-USD/candles?limit=1001", "limit")]
    [InlineData("/api/v1/markets/SOLAR-USD/candles?end=yesterday", "end")]
    public async Task Bad_candle_parameters_are_400_naming_the_field(string path, string field)
    {
        using var anonymous = api.Anonymous();
        var problem = await ApiJson.AssertProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("/api/v1/markets/NOPE-USD/candles?interval=1m", "unknown_symbol")]
    [InlineData("/api/v1/markets/NOPE-USD/stats", "unknown_symbol")]
    [InlineData("/api/v1/tokens/USD", "unknown_asset")]
    public async Task Unknown_things_are_404(string path, string code)
    {
        using var anonymous = api.Anonymous();
        await ApiJson.AssertProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task The_profile_needs_a_token()
    {
        using var anonymous = api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/account/profile")).StatusCode);
    }

    private static async Task<JsonElement> Place(HttpClient client, string side, string price, string quantity)
    {
        var body = $$"""{"symbol":"SOLAR-USD","side":"{{side}}","type":"limit","price":"{{price}}","quantity":"{{quantity}}"}""";
        return await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/api/v1/markets/SOLAR-USD/candles?interval=5m&limit=7", "latest-candles")]
    [InlineData("/api/v1/tokens/KWH", "token-figures")]
    public async Task The_latest_candles_and_the_token_are_served_from_the_cache(string path, string view)
    {
        using var anonymous = api.Anonymous();
        using var admin = api.As("cache-admin", "admin");
        var first = await anonymous.GetStringAsync(path);

        // Asked again within the view's 2 s the answer is a cache hit, the same text.
        var hits = await Eventually.Until(async () =>
        {
            Assert.Equal(JsonDocument.Parse(first).RootElement.ValueKind, JsonDocument.Parse(await anonymous.GetStringAsync(path)).RootElement.ValueKind);
            var byView = (await Get(admin, "/api/v1/admin/cache")).GetProperty("by_prefix");
            return byView.TryGetProperty(view, out var stats) ? stats.GetProperty("hits").GetInt64() : 0;
        }, h => h >= 1, Wait, $"a cache hit on the {view} view");
        Assert.True(hits >= 1);
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) =>
        await ApiJson.AssertStatusAsync(await client.GetAsync(path), HttpStatusCode.OK);

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.Str(name), CultureInfo.InvariantCulture);

    // Equal values print alike whatever their scale (3.75 and 3.750).
    private static string N(decimal d) => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Open(DateTimeOffset at, TimeSpan length) => new(at.UtcTicks - (at.UtcTicks % length.Ticks), TimeSpan.Zero);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static long Number(string tradeId) => long.Parse(tradeId[(tradeId.LastIndexOf('T') + 1)..], CultureInfo.InvariantCulture);
}
