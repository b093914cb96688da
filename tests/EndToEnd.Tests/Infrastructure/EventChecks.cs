namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>Compares what a WebSocket client received with what the REST API says happened.</summary>
public static class EventChecks
{
    /// <summary>What REST reports for one user: every order (final state) and every fill.</summary>
    public sealed record UserTruth(string UserId, IReadOnlyList<OrderDto> Orders, IReadOnlyList<TradeDto> Fills);

    /// <summary>
    /// Null when the recorder saw exactly what REST reports: each fill once on the user's trades channel (with the
    /// right role), each order's last update in its final state and no order REST does not know, and every fill on
    /// the market channel. Otherwise the first difference found.
    /// </summary>
    public static string? Mismatch(EventRecorder recorder, string symbol, IEnumerable<UserTruth> users)
    {
        var marketTrades = recorder.On("market:" + symbol).Where(e => e.Type == "trade_executed")
            .Select(e => e.Data.GetProperty("trade").GetProperty("trade_id").GetString()!).ToHashSet(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var confirmations = recorder.On("trades:" + user.UserId).Where(e => e.Type == "trade_confirmation")
                .Select(e => (Id: e.Data.GetProperty("trade").GetProperty("trade_id").GetString()!, Role: e.Data.GetProperty("role").GetString()))
                .ToList();
            var expected = user.Fills.Select(f => (Id: f.TradeId, f.Role)).Order().ToList();
            if (!confirmations.Order().SequenceEqual(expected))
                return $"{recorder.Host}: trades:{user.UserId} has {confirmations.Count} confirmations, REST has {expected.Count} fills " +
                       $"(missing {string.Join(", ", expected.Except(confirmations).Take(5))}; extra {string.Join(", ", confirmations.Except(expected).Take(5))})";
            if (user.Fills.FirstOrDefault(f => !marketTrades.Contains(f.TradeId)) is { } unseen)
                return $"{recorder.Host}: market:{symbol} never showed trade {unseen.TradeId}";

            var lastUpdate = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);
            foreach (var e in recorder.On("orders:" + user.UserId).Where(e => e.Type == "order_update"))
                lastUpdate[e.Data.GetProperty("order").GetProperty("order_id").GetString()!] = e.Data.GetProperty("order");
            foreach (var order in user.Orders)
            {
                if (!lastUpdate.Remove(order.OrderId, out var seen))
                    return $"{recorder.Host}: orders:{user.UserId} never showed {order.OrderId} ({order.Status})";
                var (status, filled) = (seen.GetProperty("status").GetString(), seen.GetProperty("filled_quantity").GetString());
                if (status != order.Status || filled != order.FilledQuantity)
                    return $"{recorder.Host}: orders:{user.UserId} last showed {order.OrderId} as {status} {filled}, REST says {order.Status} {order.FilledQuantity}";
            }

            if (lastUpdate.Count > 0)
                return $"{recorder.Host}: orders:{user.UserId} showed orders REST does not have: {string.Join(", ", lastUpdate.Keys.Take(5))}";
        }

        return null;
    }

    /// <summary>No event twice, and each channel's events in the order they happened (positions strictly increase).</summary>
    public static void AssertInOrderWithoutDuplicates(EventRecorder recorder)
    {
        var events = recorder.Events.ToList();
        var duplicates = events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Xunit.Assert.True(duplicates.Count == 0, $"{recorder.Host} received events twice: {string.Join(", ", duplicates)}");
        foreach (var channel in events.GroupBy(e => (e.Channel, Market: e.Id[..e.Id.IndexOf(':', StringComparison.Ordinal)])))
        {
            var positions = channel.Select(e => e.Position).ToList();
            for (var i = 1; i < positions.Count; i++)
            {
                Xunit.Assert.True(positions[i].CompareTo(positions[i - 1]) > 0,
                    $"{recorder.Host}: {channel.Key.Channel} received {channel.ElementAt(i).Id} after {channel.ElementAt(i - 1).Id}");
            }
        }
    }
}
