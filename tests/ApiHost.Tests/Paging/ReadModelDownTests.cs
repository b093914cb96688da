using System.Net;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;
using Microsoft.Data.Sqlite;

namespace GridTokenX.ApiHost.Tests.Paging;

/// <summary>The standalone host with its read model at a path the test knows, so the test can take the database away.</summary>
public sealed class ReadModelDownFixture() : ApiFixture(new Dictionary<string, string?> { [ReadModelSettings.SqlitePathKey] = Path })
{
    public static readonly string Path = ReadModelSettings.NewSqlitePath();
}

/// <summary>
/// Paging while the read model does not answer (docs/api.md "Paging and limits"): what needs it is 503, never a page
/// that looks whole without it; what the markets alone can answer exactly still is.
/// </summary>
public sealed class ReadModelDownTests(ReadModelDownFixture api) : IClassFixture<ReadModelDownFixture>
{
    [Fact]
    public async Task Lists_that_need_the_read_model_are_503_and_those_the_markets_answer_whole_are_served()
    {
        using var seller = api.As("down-seller");
        using var buyer = api.As("down-buyer");
        for (var i = 0; i < 3; i++)
        {
            await PagedHistory.PlaceAsync(seller, "ENERGY-USD", "sell", "1.0000", "1.000");
            await PagedHistory.PlaceAsync(buyer, "ENERGY-USD", "buy", "1.0000", "1.000");
        }

        var open = (await PagedHistory.PlaceAsync(buyer, "ENERGY-USD", "buy", "0.0200", "1.000")).GetProperty("order").Str("order_id");
        using var anonymous = api.Anonymous();

        // A file that cannot be opened in the database's place: every new connection fails.
        SqliteConnection.ClearAllPools();
        File.Move(ReadModelDownFixture.Path, ReadModelDownFixture.Path + ".away");
        Directory.CreateDirectory(ReadModelDownFixture.Path);
        try
        {
            foreach (var (client, path) in new[]
                     {
                         (buyer, "/api/v1/orders?status=all"), (buyer, "/api/v1/trades"), (buyer, "/api/v1/trades?symbol=ENERGY-USD&limit=1"),
                         (anonymous, "/api/v1/markets/ENERGY-USD/trades?limit=10"),
                     })
            {
                var response = await client.GetAsync(path);
                await ApiJson.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
                Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            }

            Assert.Equal(open, (await ApiJson.AssertStatusAsync(await buyer.GetAsync("/api/v1/orders?status=open"), HttpStatusCode.OK))[0].Str("order_id"));
            // Three trades numbered 3, 2, 1: two consecutive from the newest are provably the whole first page.
            var page = await ApiJson.AssertStatusAsync(await anonymous.GetAsync("/api/v1/markets/ENERGY-USD/trades?limit=2"), HttpStatusCode.OK);
            Assert.Equal(["ENERGY-USD.T3", "ENERGY-USD.T2"], page.EnumerateArray().Select(t => t.Str("trade_id")));
        }
        finally
        {
            Directory.Delete(ReadModelDownFixture.Path);
            File.Move(ReadModelDownFixture.Path + ".away", ReadModelDownFixture.Path);
        }

        await ApiJson.AssertStatusAsync(await buyer.GetAsync("/api/v1/orders?status=all"), HttpStatusCode.OK);
    }
}
