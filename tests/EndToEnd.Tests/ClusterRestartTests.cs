using System.Net;
using System.Text.Json.Nodes;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>A cluster of its own whose markets snapshot every 7 commands, so a restart rebuilds from a snapshot plus a journal tail.</summary>
public sealed class SnapshottingClusterFixture : ClusterFixture
{
    public const int Every = 7;

    protected override int SnapshotEvery => Every;
}

public sealed class ClusterRestartTests(SnapshottingClusterFixture cluster, ITestOutputHelper output) : IClassFixture<SnapshottingClusterFixture>
{
    [Fact]
    public Task A_full_cluster_restart_restores_every_order_trade_and_the_book_from_the_journal() => cluster.Guard(async () =>
    {
        var users = new[] { "restart-a", "restart-b", "restart-c" };
        var tokens = users.ToDictionary(u => u, u => cluster.Token(u));

        // A fixed sequence: resting orders on both sides, crossing limits (gtc, ioc, fok), market orders, cancels.
        var random = new Random(20261125);
        var commands = 0;
        var open = new List<(string User, string OrderId)>();
        for (var i = 0; i < 40; i++)
        {
            var user = users[i % users.Length];
            if (i % 9 == 8 && open.FirstOrDefault(o => o.User == user) is { OrderId: not null } mine)
            {
                open.Remove(mine);
                var cancel = await cluster.Api.SendAsync(HttpMethod.Delete, $"/api/v1/orders/{mine.OrderId}", tokens[user]);
                Assert.True(cancel.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Cancel {mine.OrderId}: {cancel}");
                if (cancel.Status == HttpStatusCode.OK) commands++;
                continue;
            }

            var side = random.Next(2) == 0 ? "buy" : "sell";
            var quantity = Dec.Quantity(random.Next(500, 4001) / 1000m);
            var request = (i % 10) switch
            {
                3 => PlaceOrderRequest.Market(side, quantity, $"c{i}"),
                5 => PlaceOrderRequest.Limit(side, Dec.Price(random.Next(1040, 1061) / 10000m), quantity, "ioc", $"c{i}"),
                7 => PlaceOrderRequest.Limit(side, Dec.Price(random.Next(1040, 1061) / 10000m), quantity, "fok", $"c{i}"),
                _ => PlaceOrderRequest.Limit(side, Dec.Price(random.Next(side == "buy" ? 1030 : 1045, side == "buy" ? 1056 : 1071) / 10000m),
                    quantity, "gtc", $"c{i}"),
            };
            var placed = await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", tokens[user], request.ToBody());
            Assert.True(placed.Status == HttpStatusCode.Created, $"POST {request}: {placed}");
            commands++;
            var order = placed.As<PlaceOrderResponseDto>().Order;
            if (order.IsOpen) open.Add((user, order.OrderId));
        }

        // The restart must exercise both paths: a snapshot and commands journaled after it.
        if (commands % SnapshottingClusterFixture.Every == 0)
        {
            var extra = await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", tokens[users[0]],
                PlaceOrderRequest.Limit("buy", "0.0500", "1.000", "gtc", "extra").ToBody());
            Assert.True(extra.Status == HttpStatusCode.Created, $"Extra order: {extra}");
            commands++;
        }

        await using (var redis = await cluster.Redis.ConnectAsync())
        {
            var db = redis.GetDatabase();
            var snapshotAt = (long?)await db.HashGetAsync($"gtx:snapshot:{{{ClusterFixture.Symbol}}}", "seq");
            var tail = await db.StreamLengthAsync($"gtx:journal:{{{ClusterFixture.Symbol}}}");
            output.WriteLine($"{commands} commands; snapshot at {snapshotAt}; {tail} journal batches after it");
            Assert.True(snapshotAt > 0 && tail > 0, $"Precondition: want a snapshot and a journal tail, have snapshot {snapshotAt} and {tail} batches.");
        }

        var before = await ReadEverythingAsync(tokens);
        var statuses = JsonNode.Parse(before)!["each_order"]!.AsObject().Select(kv => (string)kv.Value!["order"]!["status"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "open", "filled", "cancelled" }, statuses);

        var old = cluster.LiveSilos.ToList();
        foreach (var silo in old) silo.Process.Kill();
        output.WriteLine($"SIGKILLed {string.Join(", ", old.Select(s => s.Name))}");
        // Fresh silos on new ports: the API host has to find them through the membership table.
        await cluster.EnsureSilosAsync(2);

        var after = await ReadEverythingAsync(tokens);
        Assert.Equal(before, after);
        Assert.True(cluster.SiloHosting(ClusterFixture.Symbol) is { } host && !old.Contains(host), "A fresh silo should have rebuilt the book.");

        // The restored market goes on where it stopped: numbers above every earlier one (a new activation takes a fresh
        // block, so none its predecessors could have handed out is reused), and client_order_ids still known.
        var repeat = await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", tokens[users[0]],
            PlaceOrderRequest.Limit("buy", "0.0500", "1.000", "gtc", "after-restart").ToBody());
        Assert.True(repeat.Status == HttpStatusCode.Created, $"First order after the restart: {repeat}");
        var newest = repeat.As<PlaceOrderResponseDto>().Order.OrderId;
        var every = JsonNode.Parse(before)!["orders"]!.AsObject().SelectMany(kv => kv.Value!.AsArray()).Select(o => (string)o!["order_id"]!);
        Assert.True(Number(newest) > every.Max(Number), $"{newest} after {every.Max(Number)}");
    });

    private static long Number(string orderId) => long.Parse(orderId[(orderId.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Everything a client can read about the market and these users, as one JSON document (the book without its timestamp).</summary>
    private async Task<string> ReadEverythingAsync(Dictionary<string, string> tokens)
    {
        var book = JsonNode.Parse((await cluster.Api.ReadAsync($"/api/v1/markets/{ClusterFixture.Symbol}/book?depth=500")).Body)!.AsObject();
        book.Remove("timestamp");
        var document = new JsonObject
        {
            ["book"] = book,
            ["trades"] = JsonNode.Parse((await cluster.Api.ReadAsync($"/api/v1/markets/{ClusterFixture.Symbol}/trades?limit=1000")).Body),
            ["orders"] = new JsonObject(),
            ["fills"] = new JsonObject(),
            ["each_order"] = new JsonObject(),
        };
        foreach (var (user, token) in tokens.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var orders = (await cluster.Api.ReadAsync($"/api/v1/orders?status=all&limit=1000", token)).Body;
            document["orders"]![user] = JsonNode.Parse(orders);
            document["fills"]![user] = JsonNode.Parse((await cluster.Api.ReadAsync("/api/v1/trades?limit=1000", token)).Body);
            foreach (var order in JsonNode.Parse(orders)!.AsArray())
            {
                var id = (string)order!["order_id"]!;
                document["each_order"]![id] = JsonNode.Parse((await cluster.Api.ReadAsync($"/api/v1/orders/{id}", token)).Body);
            }
        }

        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
