using System.Net;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;
using Xunit.Abstractions;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// Silos die (SIGKILL) or leave (SIGTERM) while clients trade through the API host. These tests share one cluster
/// and run one after another; each starts by bringing it back to two live silos.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class SiloCrashTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(90);

    /// <remarks>
    /// Two WebSocket clients, one on each of two API hosts, watch the whole flow (the market and every user's
    /// orders and trades) and must end up having seen exactly what REST reports, each event once and in order.
    /// </remarks>
    [Fact]
    public Task No_acknowledged_order_is_lost_when_silos_are_killed_mid_flow() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(2);
        var run = Guid.NewGuid().ToString("N")[..6];
        var acknowledged = 0;
        var users = Enumerable.Range(1, 6)
            .Select(i => new SimulatedUser($"flow{i}-{run}", cluster.Token($"flow{i}-{run}"), cluster.Api, seed: i * 7919 + run.GetHashCode(StringComparison.Ordinal),
                () => Interlocked.Increment(ref acknowledged)))
            .ToList();
        string[] channels = [$"market:{ClusterFixture.Symbol}", .. users.SelectMany(u => new[] { $"orders:{u.UserId}", $"trades:{u.UserId}" })];
        var hosts = new[] { cluster.Api.Http.BaseAddress!, await cluster.StartAnotherApiHostAsync() };
        var recorders = new List<EventRecorder>();
        foreach (var host in hosts) recorders.Add(await EventRecorder.ConnectAsync(host, cluster.Token("watcher-" + run, "admin"), channels));

        // The flow is paced by a budget of operations (so the lists stay well under the API's limits), and every
        // kill happens while the users still have budget left, i.e. with requests in flight.
        using var budget = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var flow = users.Select(u => Task.Run(() => u.RunAsync(budget, stop.Token))).ToList();
        async Task Progress(int more, string stage)
        {
            // Each stage gets its own budget, well above what it waits for (not every operation is acknowledged:
            // a cancel may find its order already filled), so users still have work in hand when the next kill comes.
            budget.Release(more * 3);
            var target = Volatile.Read(ref acknowledged) + more;
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref acknowledged) >= target || flow.Any(t => t.IsFaulted)), StageTimeout,
                $"{more} more acknowledgements {stage} (have {Volatile.Read(ref acknowledged)})");
            if (flow.FirstOrDefault(t => t.IsFaulted) is { } faulted) await faulted; // surfaces a crashed client
        }

        try
        {
            await Progress(40, "before any silo is killed");

            // Kill the silo that holds the ENERGY-USD book, mid-flow.
            var first = cluster.SiloHosting(ClusterFixture.Symbol) ?? cluster.LiveSilos[0];
            output.WriteLine($"SIGKILL {first.Name} (hosts the book: {first.RestoredAt(ClusterFixture.Symbol) is not null}) at {acknowledged} acks");
            first.Process.Kill();
            await Progress(40, $"after {first.Name} was killed");

            // Replace it, then kill the silo the book moved to.
            await cluster.StartSiloAsync();
            await Progress(40, "with a replacement silo");
            var second = cluster.SiloHosting(ClusterFixture.Symbol) ?? cluster.LiveSilos[0];
            output.WriteLine($"SIGKILL {second.Name} (hosts the book: {second.RestoredAt(ClusterFixture.Symbol) is not null}) at {acknowledged} acks");
            second.Process.Kill();
            await Progress(40, $"after {second.Name} was killed");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(flow);
        }

        output.WriteLine($"{acknowledged} acknowledged; retries {users.Sum(u => u.Retries)}; unanswered {users.Sum(u => u.Unanswered)}; " +
                         $"orders {users.Sum(u => u.Acked.Count)} ({users.Sum(u => u.Acked.Count(a => a.Attempts > 1))} after retries); " +
                         $"cancels {users.Sum(u => u.AckedCancels.Count)}");
        Assert.True(users.All(u => u.Violations.IsEmpty),
            "Contract violations:" + Environment.NewLine + string.Join(Environment.NewLine, users.SelectMany(u => u.Violations)));

        var everyOrder = new List<OrderDto>();
        var truth = new List<EventChecks.UserTruth>();
        foreach (var user in users)
        {
            var orders = await Ledger.OrdersAsync(cluster.Api, user.Token);
            var byId = orders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);

            // One order per client_order_id, and only for client_order_ids this user sent.
            var duplicates = orders.GroupBy(o => o.ClientOrderId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{user.UserId} has several orders for client_order_id {string.Join(", ", duplicates)}");
            Assert.All(orders, o => Assert.True(o.ClientOrderId is not null && user.Attempted.ContainsKey(o.ClientOrderId),
                $"{user.UserId} has an order nobody asked for: {o}"));

            var fills = await Ledger.FillsAsync(cluster.Api, user.Token);
            var fillsById = fills.ToDictionary(f => f.TradeId, StringComparer.Ordinal);
            foreach (var acked in user.Acked)
            {
                foreach (var trade in acked.Trades)
                {
                    Assert.True(fillsById.TryGetValue(trade.TradeId, out var fill), $"{user.UserId}'s fills lack {trade.TradeId}, acknowledged with {acked.Order.OrderId}");
                    Assert.Equal(trade with { Role = fill.Role }, fill);
                }

                var request = acked.Request;
                var stored = (await cluster.Api.ReadAsync($"/api/v1/orders/{acked.Order.OrderId}", user.Token)).As<OrderEnvelopeDto>().Order;
                Assert.Equal((acked.Order.OrderId, request.Symbol, request.Side, request.Type, request.Price, request.Quantity, request.ClientOrderId),
                    (stored.OrderId, stored.Symbol, stored.Side, stored.Type, stored.Price, stored.Quantity, stored.ClientOrderId));
                Assert.Equal(request.Type == "market" ? "ioc" : request.TimeInForce, stored.TimeInForce);
                Assert.True(byId.ContainsKey(stored.OrderId), $"{stored.OrderId} is missing from {user.UserId}'s order list");
            }

            foreach (var orderId in user.AckedCancels)
            {
                Assert.True(byId.TryGetValue(orderId, out var cancelled), $"Cancelled {orderId} is missing from {user.UserId}'s order list");
                Assert.Equal(("cancelled", "user_requested"), (cancelled.Status, cancelled.CancelReason));
            }

            Ledger.AssertFillsMatchOrders(user.UserId, orders, fills);
            everyOrder.AddRange(orders);
            truth.Add(new EventChecks.UserTruth(user.UserId, orders, fills));
        }

        // Users of the other tests on this cluster own whatever else rests on the book.
        foreach (var other in cluster.Users.Except(users.Select(u => u.UserId)))
            everyOrder.AddRange(await Ledger.OrdersAsync(cluster.Api, cluster.Token(other)));
        var book = await cluster.Api.ReadAsync<BookDto>($"/api/v1/markets/{ClusterFixture.Symbol}/book?depth=500");
        Ledger.AssertBookMatchesOpenOrders(book, everyOrder);
        Assert.True(everyOrder.Any(o => o.Status == "filled"), "The flow should have traded; nothing was filled.");

        foreach (var recorder in recorders)
        {
            await using var _ = recorder;
            await Eventually.Until(() => Task.FromResult(EventChecks.Mismatch(recorder, ClusterFixture.Symbol, truth)), mismatch => mismatch is null,
                StageTimeout, $"the WebSocket on {recorder.Host} to have seen what REST reports");
            Assert.Null(recorder.CloseStatus);
            EventChecks.AssertInOrderWithoutDuplicates(recorder);
            output.WriteLine($"{recorder.Host}: {recorder.Events.Count} events, all matching REST");
        }

        await AssertReadModelHoldsEachTradeOnceAsync(users, everyOrder);

        // Evidence of the recovery path when it was needed (Orleans drops a client's subscription when its gateway dies).
        foreach (var line in cluster.Diagnostics(5000).Split(Environment.NewLine).Where(l => l.Contains("subscription to stream", StringComparison.Ordinal)))
            output.WriteLine(line.Trim());
    });

    /// <summary>
    /// The read model was written by projectors on the silos that were SIGKILLed: once it has caught up, it holds every
    /// trade of the market exactly once (numbers 1..n without a gap), its running totals and one-minute candles equal
    /// an aggregation of those trades done here, every acknowledged fill is there as the API reported it, and every
    /// final order with its final status.
    /// </summary>
    private async Task AssertReadModelHoldsEachTradeOnceAsync(List<SimulatedUser> users, List<OrderDto> everyOrder)
    {
        var newest = (await cluster.Api.ReadAsync<List<TradeDto>>($"/api/v1/markets/{ClusterFixture.Symbol}/trades?limit=1")).Single();
        // Trade ids are "{symbol}.T{n}" (API.md): n is the market's trade count at that trade.
        var last = long.Parse(newest.TradeId[(newest.TradeId.LastIndexOf(".T", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
        var audit = new ReadModelAudit(cluster.ReadModelPath);
        var trades = await Eventually.Until(() => Task.FromResult(audit.Trades(ClusterFixture.Symbol)), t => t.Count > 0 && t[^1].Number >= last,
            StageTimeout, $"the read model to hold trade {last}");
        Assert.Equal(Enumerable.Range(1, trades.Count).Select(n => (long)n), trades.Select(t => t.Number));

        var totals = await Eventually.Until(() => Task.FromResult(audit.Totals(ClusterFixture.Symbol)), t => t?.Trades >= trades.Count,
            StageTimeout, "the market totals to count every trade");
        Assert.Equal((trades.Count, trades.Sum(t => t.Quantity), trades.Sum(t => t.Price * t.Quantity)), totals!.Value);

        var byMinute = trades.GroupBy(t => t.ExecutedAtTicks - t.ExecutedAtTicks % TimeSpan.TicksPerMinute)
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(t => t.Quantity)));
        var candles = await Eventually.Until(() => Task.FromResult(audit.MinuteCandles(ClusterFixture.Symbol)),
            c => c.Values.Sum(v => v.Trades) >= trades.Count, StageTimeout, "the candles to count every trade");
        Assert.Equal(byMinute.OrderBy(p => p.Key), candles.OrderBy(p => p.Key).Select(p => KeyValuePair.Create(p.Key, (p.Value.Trades, p.Value.Volume))));

        var stored = trades.ToDictionary(t => t.TradeId, StringComparer.Ordinal);
        foreach (var fill in users.SelectMany(u => u.Acked).SelectMany(a => a.Trades))
        {
            Assert.True(stored.TryGetValue(fill.TradeId, out var row), $"The read model lacks {fill.TradeId}");
            Assert.Equal((Parse(fill.Price), Parse(fill.Quantity), fill.BuyerId, fill.SellerId), (row.Price, row.Quantity, row.BuyerId, row.SellerId));
        }

        var final = everyOrder.Where(o => !o.IsOpen).ToList();
        var orders = await Eventually.Until(() => Task.FromResult(audit.Orders(ClusterFixture.Symbol)),
            o => final.All(f => o.TryGetValue(f.OrderId, out var row) && row.Status == f.Status), StageTimeout, "the read model to hold every final order");
        Assert.All(final, f => Assert.Equal(Parse(f.FilledQuantity), orders[f.OrderId].Filled));
        output.WriteLine($"read model: {trades.Count} trades, {candles.Count} one-minute candles, {final.Count} final orders of these users, all as reported");

        static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public Task A_placement_retried_after_a_crash_is_not_duplicated() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(2);
        var user = "retry-" + Guid.NewGuid().ToString("N")[..6];
        var token = cluster.Token(user);
        var request = PlaceOrderRequest.Limit("sell", "0.1500", "2.500", "gtc", "retry-x");

        var placed = await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", token, request.ToBody());
        Assert.True(placed.Status == HttpStatusCode.Created, $"First placement: {placed}");
        var original = placed.As<PlaceOrderResponseDto>().Order;

        var host = cluster.SiloHosting(ClusterFixture.Symbol);
        Assert.True(host is not null, "No live silo reports having activated the ENERGY-USD book.");
        output.WriteLine($"SIGKILL {host.Name}");
        host.Process.Kill();

        var (retry, attempts) = await cluster.Api.SendWithRetryAsync(HttpMethod.Post, "/api/v1/orders", token, request.ToBody(), StageTimeout);
        Assert.True(retry is not null, $"The retry kept failing transiently ({attempts} attempts).");
        Assert.True(retry.Status == HttpStatusCode.OK, $"Retry after the crash: {retry}");
        var repeated = retry.As<PlaceOrderResponseDto>().Order;
        Assert.Equal(original, repeated);

        var changed = request with { Quantity = "3.000" };
        var conflict = await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", token, changed.ToBody());
        Assert.True(conflict.Status == HttpStatusCode.Conflict, $"Same client_order_id, different body: {conflict}");
        Assert.Equal("client_order_id_conflict", conflict.ProblemCode());

        var orders = await Ledger.OrdersAsync(cluster.Api, token);
        Assert.Equal([original.OrderId], orders.Select(o => o.OrderId));
    });

    [Fact]
    public Task A_silo_stopped_with_SIGTERM_exits_cleanly_and_the_API_keeps_serving() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(2);
        var run = Guid.NewGuid().ToString("N")[..6];
        var (maker, taker) = ($"term-maker-{run}", $"term-taker-{run}");
        var (makerToken, takerToken) = (cluster.Token(maker), cluster.Token(taker));
        foreach (var (price, i) in new[] { "0.2000", "0.2001", "0.2002" }.Select((p, i) => (p, i)))
            await Place(makerToken, PlaceOrderRequest.Limit("sell", price, "1.000", "gtc", $"m{i}"), HttpStatusCode.Created);
        await Place(takerToken, PlaceOrderRequest.Limit("buy", "0.2001", "1.500", "ioc", "t0"), HttpStatusCode.Created);
        var before = await Snapshot();

        var host = cluster.SiloHosting(ClusterFixture.Symbol) ?? cluster.LiveSilos[0];
        output.WriteLine($"SIGTERM {host.Name}");
        var exitCode = await host.Process.StopAsync(TimeSpan.FromSeconds(45));
        Assert.True(exitCode == 0, $"{host.Name} exited with {exitCode} after SIGTERM.");

        Assert.Equal(before, await Snapshot());
        var after = await Place(makerToken, PlaceOrderRequest.Limit("sell", "0.9000", "1.000", "gtc", "m-after"), HttpStatusCode.Created);
        Assert.Equal("open", after.Order.Status);
        var cancel = await cluster.Api.SendAsync(HttpMethod.Delete, $"/api/v1/orders/{after.Order.OrderId}", makerToken);
        Assert.True(cancel.Status == HttpStatusCode.OK, $"Cancel after the silo left: {cancel}");
        Assert.Equal("cancelled", cancel.As<OrderEnvelopeDto>().Order.Status);

        async Task<string> Snapshot()
        {
            var parts = new List<string>();
            foreach (var token in new[] { makerToken, takerToken })
            {
                parts.Add((await cluster.Api.ReadAsync($"/api/v1/orders?status=all&symbol={ClusterFixture.Symbol}", token)).Body);
                parts.Add((await cluster.Api.ReadAsync($"/api/v1/trades?symbol={ClusterFixture.Symbol}", token)).Body);
            }

            return string.Join(Environment.NewLine, parts);
        }
    });

    private async Task<PlaceOrderResponseDto> Place(string token, PlaceOrderRequest request, HttpStatusCode expected)
    {
        var (reply, attempts) = await cluster.Api.SendWithRetryAsync(HttpMethod.Post, "/api/v1/orders", token, request.ToBody(), StageTimeout);
        Assert.True(reply is not null, $"POST {request} kept failing transiently ({attempts} attempts).");
        // A retried placement may find that an earlier attempt went through: 200 with the original order.
        Assert.True(reply.Status == expected || (attempts > 1 && reply.Status == HttpStatusCode.OK),
            $"POST {request}: expected {(int)expected}, got {reply} on attempt {attempts}");
        return reply.As<PlaceOrderResponseDto>();
    }
}
