using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>Seeded command generator; the same seed always yields the same flow.</summary>
internal sealed class RandomFlow(FlowShape shape, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<long> _placedIds = [];
    private long _nextId = 1;

    public FlowCommand Next()
    {
        if (_placedIds.Count > 0 && _random.Next(100) < 25)
        {
            // Mostly ids that exist (resting or not); sometimes ids the engine has never seen.
            long id = _random.Next(10) == 0 ? 1_000_000 + _random.Next(100) : _placedIds[_random.Next(_placedIds.Count)];
            return new FlowCommand(true, id, "", Side.Buy, OrderKind.Limit, EngineTimeInForce.Gtc, 0, 0);
        }

        long orderId = _nextId++;
        _placedIds.Add(orderId);
        string user = $"u{_random.Next(shape.Users)}";
        Side side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        long qty = 1 + _random.Next(10);
        if (_random.Next(100) < 10)
        {
            var requested = (EngineTimeInForce)_random.Next(3);
            return new FlowCommand(false, orderId, user, side, OrderKind.Market, requested, 0, qty);
        }

        int roll = _random.Next(100);
        EngineTimeInForce tif = roll < 55 ? EngineTimeInForce.Gtc : roll < 80 ? EngineTimeInForce.Ioc : EngineTimeInForce.Fok;
        long price = _random.NextInt64(shape.BandLow, shape.BandHigh + 1);
        return new FlowCommand(false, orderId, user, side, OrderKind.Limit, tif, price, qty);
    }
}
