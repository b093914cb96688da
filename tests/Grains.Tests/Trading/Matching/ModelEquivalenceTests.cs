using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>
/// Property test: random flows run through the engine and the reference model must agree after every
/// command. Failures report the shape, seed and command index; rerun one flow with <see cref="RunFlow"/>.
/// </summary>
public class ModelEquivalenceTests
{
    private const int CommandsPerFlow = 200;
    private const int SnapshotAt = 100;

    public static TheoryData<FlowShape> Shapes() => new()
    {
        new FlowShape("narrow-dense", Dense: true, 1, 1_000, 95, 105, Users: 3, Seeds: 300),
        new FlowShape("narrow-sorted", Dense: false, 1, 1_000, 95, 105, Users: 3, Seeds: 300),
        new FlowShape("two-users-dense", Dense: true, 1, 1_000, 98, 102, Users: 2, Seeds: 100),
        new FlowShape("wide-sparse-dense", Dense: true, 1, 1_000_000, 1, 1_000_000, Users: 4, Seeds: 60),
        new FlowShape("wide-sparse-sorted", Dense: false, 1, 1_000_000, 1, 1_000_000, Users: 4, Seeds: 60),
        new FlowShape("negative-dense", Dense: true, -100, 100, -4, 4, Users: 3, Seeds: 60),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Engine_agrees_with_reference_model(FlowShape shape)
    {
        var outcomes = new HashSet<(EngineOrderStatus, EngineCancelReason)>();
        for (int seed = 0; seed < shape.Seeds; seed++)
        {
            RunFlow(shape, seed, outcomes);
        }

        // Guards against a generator drift that would leave rules untested while the test stays green.
        (EngineOrderStatus, EngineCancelReason)[] required =
        [
            (EngineOrderStatus.Open, EngineCancelReason.None),
            (EngineOrderStatus.PartiallyFilled, EngineCancelReason.None),
            (EngineOrderStatus.Filled, EngineCancelReason.None),
            (EngineOrderStatus.Cancelled, EngineCancelReason.UserRequested),
            (EngineOrderStatus.Cancelled, EngineCancelReason.IocRemainder),
            (EngineOrderStatus.Cancelled, EngineCancelReason.FokUnfilled),
            (EngineOrderStatus.Cancelled, EngineCancelReason.SelfTrade),
            (EngineOrderStatus.Cancelled, EngineCancelReason.NoLiquidity),
        ];
        Assert.All(required, outcome => Assert.Contains(outcome, outcomes));
    }

    internal static void RunFlow(FlowShape shape, int seed, HashSet<(EngineOrderStatus, EngineCancelReason)> outcomes)
    {
        var options = new MatchingEngineOptions(shape.MinPrice, shape.MaxPrice) { MaxDenseLevels = shape.Dense ? 1L << 20 : 0 };
        var engine = new MatchingEngine(options);
        var model = new ReferenceBook();
        var flow = new RandomFlow(shape, seed);
        var fills = new List<Fill>();
        var modelOrders = new Dictionary<long, ModelOrder>();
        bool snapshotThisSeed = seed % 3 == 0;

        for (int i = 0; i < CommandsPerFlow; i++)
        {
            FlowCommand command = flow.Next();
            string where = $"shape={shape.Name} seed={seed} command#{i} ({command})";

            if (command.IsCancel)
            {
                ModelOrder? expected = model.Cancel(command.Id);
                bool ok = engine.TryCancel(command.Id, out EngineOrder? actual);
                Check(ok == (expected is not null), where, $"cancel result {ok}, model {expected is not null}");
                if (expected is not null)
                {
                    CheckOrder(expected, actual!, where);
                    outcomes.Add((actual!.Status, actual.CancelReason));
                }
            }
            else
            {
                var expectedOrder = new ModelOrder(command.Id, command.User, command.Side, command.Kind, command.Tif, command.Price, command.Qty);
                modelOrders[command.Id] = expectedOrder;
                var expectedFills = model.Place(expectedOrder);
                fills.Clear();
                EngineOrder actual = engine.Place(
                    new EngineOrder(command.Id, command.User, command.Side, command.Kind, command.Tif, command.Price, command.Qty, i), fills);

                var actualFills = fills.Select(f => (f.Maker.Id, f.Taker.Id, f.Price, f.Quantity)).ToList();
                Check(actualFills.SequenceEqual(expectedFills), where,
                    $"fills {string.Join(", ", actualFills)} but model {string.Join(", ", expectedFills)}");
                CheckOrder(expectedOrder, actual, where);
                outcomes.Add((actual.Status, actual.CancelReason));
                foreach (Fill fill in fills)
                {
                    CheckOrder(modelOrders[fill.Maker.Id], fill.Maker, where + " maker");
                }
            }

            if (snapshotThisSeed && i == SnapshotAt)
            {
                engine = RestoreInto(engine, options);
            }

            CheckBook(model, engine, where);
        }
    }

    private static MatchingEngine RestoreInto(MatchingEngine source, MatchingEngineOptions options)
    {
        var restored = new MatchingEngine(options);
        foreach (EngineOrder order in source.RestingOrdersInPriorityOrder())
        {
            restored.Restore(order.Clone());
        }

        return restored;
    }

    private static void CheckOrder(ModelOrder expected, EngineOrder actual, string where)
    {
        Check(actual.Id == expected.Id, where, $"returned order #{actual.Id}");
        Check(
            actual.Status == expected.Status && actual.Filled == expected.Filled && actual.CancelReason == expected.Reason
                && actual.Notional == expected.Notional,
            where,
            $"order {actual} but model status={expected.Status} filled={expected.Filled} reason={expected.Reason} notional={expected.Notional}");
        bool shouldRest = expected.Status is EngineOrderStatus.Open or EngineOrderStatus.PartiallyFilled;
        Check(actual.IsResting == shouldRest, where, $"IsResting={actual.IsResting}");
    }

    private static void CheckBook(ReferenceBook model, MatchingEngine engine, string where)
    {
        Check(engine.BestBid == model.BestBid && engine.BestAsk == model.BestAsk, where,
            $"best {engine.BestBid}/{engine.BestAsk} but model {model.BestBid}/{model.BestAsk}");
        Check(engine.RestingCount == model.Count, where, $"resting count {engine.RestingCount} but model {model.Count}");

        var actual = engine.RestingOrdersInPriorityOrder().Select(o => (o.Id, o.Remaining, o.Status)).ToList();
        var expected = model.Book().Select(o => (o.Id, o.Remaining, o.Status)).ToList();
        Check(actual.SequenceEqual(expected), where,
            $"book {string.Join(" ", actual)} but model {string.Join(" ", expected)}");

        foreach (var (id, _, _) in expected)
        {
            Check(engine.FindResting(id)?.Id == id, where, $"FindResting({id}) missed");
        }
    }

    private static void Check(bool condition, string where, string what)
    {
        if (!condition)
        {
            Assert.Fail($"{where}: {what}");
        }
    }
}
