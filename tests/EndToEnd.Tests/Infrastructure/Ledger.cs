namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>Cross-checks of what the API reports: every user's orders and fills against each other and the book.</summary>
public static class Ledger
{
    public const int ListLimit = 1000;

    /// <summary>All of a user's orders in <paramref name="symbol"/> (status=all), checked not to be truncated.</summary>
    public static async Task<List<OrderDto>> OrdersAsync(Api api, string token, string symbol = ClusterFixture.Symbol)
    {
        var orders = await api.ReadAsync<List<OrderDto>>($"/api/v1/orders?status=all&symbol={symbol}&limit={ListLimit}", token);
        Assert.True(orders.Count < ListLimit, $"The listing may be truncated at {ListLimit} orders; the test must place fewer.");
        return orders;
    }

    public static async Task<List<TradeDto>> FillsAsync(Api api, string token, string symbol = ClusterFixture.Symbol)
    {
        var fills = await api.ReadAsync<List<TradeDto>>($"/api/v1/trades?symbol={symbol}&limit={ListLimit}", token);
        Assert.True(fills.Count < ListLimit, $"The fills may be truncated at {ListLimit}; the test must trade less.");
        return fills;
    }

    /// <summary>Each order's filled_quantity is the sum of the owner's fills for it, and every fill belongs to one of the orders.</summary>
    public static void AssertFillsMatchOrders(string userId, IReadOnlyList<OrderDto> orders, IReadOnlyList<TradeDto> fills)
    {
        var filledByOrder = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var fill in fills)
        {
            Assert.True(fill.BuyerId == userId || fill.SellerId == userId, $"{userId} was shown a fill that is not theirs: {fill}");
            var orderId = fill.Role switch
            {
                "buyer" => fill.BuyOrderId,
                "seller" => fill.SellOrderId,
                _ => throw new InvalidOperationException($"Fill without a valid role: {fill}"),
            };
            Assert.Equal(fill.Role == "buyer" ? fill.BuyerId : fill.SellerId, userId);
            filledByOrder[orderId] = filledByOrder.GetValueOrDefault(orderId) + Dec.Parse(fill.Quantity);
        }

        var ids = orders.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        var orphans = filledByOrder.Keys.Where(id => !ids.Contains(id)).ToList();
        Assert.True(orphans.Count == 0, $"{userId} has fills for orders they do not have: {string.Join(", ", orphans)}");
        foreach (var order in orders)
        {
            var filled = filledByOrder.GetValueOrDefault(order.OrderId);
            Assert.True(Dec.Parse(order.FilledQuantity) == filled,
                $"{order.OrderId} of {userId} says filled_quantity {order.FilledQuantity}, its fills add up to {filled}: {order}");
        }
    }

    /// <summary>The book is not crossed and holds exactly the remaining quantity of every open order, level by level.</summary>
    public static void AssertBookMatchesOpenOrders(BookDto book, IEnumerable<OrderDto> everyOrder)
    {
        if (book.BestBid is { } bid && book.BestAsk is { } ask)
            Assert.True(Dec.Parse(bid) < Dec.Parse(ask), $"The book is crossed: best_bid {bid}, best_ask {ask}.");

        var open = everyOrder.Where(o => o.IsOpen).ToList();
        Assert.All(open, o => Assert.Equal("limit", o.Type));
        var expectedBids = Levels(open.Where(o => o.Side == "buy")).OrderByDescending(l => Dec.Parse(l.Price)).ToList();
        var expectedAsks = Levels(open.Where(o => o.Side == "sell")).OrderBy(l => Dec.Parse(l.Price)).ToList();
        Assert.Equal(Describe(expectedBids), Describe(book.Bids.Select(Normalise)));
        Assert.Equal(Describe(expectedAsks), Describe(book.Asks.Select(Normalise)));
        Assert.Equal(expectedBids.FirstOrDefault()?.Price, book.BestBid is null ? null : Dec.Price(Dec.Parse(book.BestBid)));
        Assert.Equal(expectedAsks.FirstOrDefault()?.Price, book.BestAsk is null ? null : Dec.Price(Dec.Parse(book.BestAsk)));
    }

    private static IEnumerable<BookLevelDto> Levels(IEnumerable<OrderDto> orders) =>
        orders.GroupBy(o => Dec.Parse(o.Price!))
            .Select(g => new BookLevelDto(Dec.Price(g.Key), Dec.Quantity(g.Sum(o => Dec.Parse(o.RemainingQuantity))), g.Count()));

    private static BookLevelDto Normalise(BookLevelDto level) =>
        new(Dec.Price(Dec.Parse(level.Price)), Dec.Quantity(Dec.Parse(level.Quantity)), level.Orders);

    private static string Describe(IEnumerable<BookLevelDto> levels) =>
        string.Join(Environment.NewLine, levels.Select(l => $"{l.Price} x {l.Quantity} ({l.Orders} orders)"));
}
