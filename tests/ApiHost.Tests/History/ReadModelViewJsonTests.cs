using System.Text.Json;
using GridTokenX.ApiHost.History;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Views;

namespace GridTokenX.ApiHost.Tests.History;

/// <summary>
/// The cached stats and profile views are written by <see cref="ReadModelViewJson"/> (API host and warmers alike); the
/// response records document them in OpenAPI. Both must say the same thing.
/// </summary>
public sealed class ReadModelViewJsonTests
{
    private static readonly JsonSerializerOptions Http = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);
    private readonly MarketSpec _spec = MarketCatalog.Create([], out _).Markets[0];

    [Fact]
    public void Stats_are_written_as_the_documented_response()
    {
        foreach (var stats in new[]
                 {
                     new MarketStats(_spec.Symbol, 3, 6.5m, 0.81250m, 0.125m, 0.13m, 0.12m, new MarketTotals(9, 20m, 2.5m, At.AddDays(-3)), At),
                     new MarketStats(_spec.Symbol, 0, 0m, 0m, null, null, null, MarketTotals.None, At),
                 })
            Assert.Equal(JsonSerializer.Serialize(MarketStatsResponse.From(stats, _spec), Http), ReadModelViewJson.MarketStats(stats, _spec));
    }

    [Fact]
    public void A_profile_is_written_as_the_documented_response()
    {
        foreach (var profile in new[]
                 {
                     new UserProfile("alice", At.AddDays(-1), 4, 2, 1.500m, 0m, 7.125m, 1, At),
                     new UserProfile("bob", null, 0, 0, 0m, 0m, 0m, 0, At),
                 })
            Assert.Equal(JsonSerializer.Serialize(ProfileResponse.From(profile), Http), ReadModelViewJson.Profile(profile));
    }
}
