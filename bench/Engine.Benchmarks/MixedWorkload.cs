using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Bench.Engine;

/// <summary>
/// Approximates exchange-core's "mixed" single-book workload: ~1,000 resting orders over ~750 price
/// levels around a mid price, then GTC placements, cancels of resting orders and IOC orders with
/// ~6% of commands trading and the book size held steady. The stream is produced by simulating it
/// on a real engine, so cancels always target orders that are resting at that point of the replay.
/// </summary>
public sealed class MixedWorkload
{
    public const long Mid = 100_000;
    private const int TargetResting = 1_000;
    private const int HalfSpread = 750;   // price slots per side; 1,000 orders over 2×750 slots ≈ 750 occupied levels
    private const int Users = 1_000;

    private MixedWorkload(BenchCommand[] prefill, BenchCommand[] commands, WorkloadStats stats)
    {
        Prefill = prefill;
        Commands = commands;
        Stats = stats;
    }

    public BenchCommand[] Prefill { get; }

    public BenchCommand[] Commands { get; }

    public WorkloadStats Stats { get; }

    public static MatchingEngineOptions Options(bool dense) =>
        new(1, 1_000_000) { MaxDenseLevels = dense ? 1L << 20 : 0, InitialOrderCapacity = 4 * TargetResting };

    /// <summary>A fresh engine holding the prefill book: the state every measured replay starts from.</summary>
    public MatchingEngine CreatePrefilledEngine(bool dense)
    {
        var engine = new MatchingEngine(Options(dense));
        var fills = new List<Fill>();
        foreach (BenchCommand c in Prefill)
        {
            engine.Place(c.ToOrder(), fills);
        }

        return engine;
    }

    public static MixedWorkload Generate(int commandCount, int seed)
    {
        var random = new Random(seed);
        string[] users = [.. Enumerable.Range(0, Users).Select(i => $"user{i}")];
        var engine = new MatchingEngine(Options(dense: true));
        var fills = new List<Fill>();
        var restingIds = new List<long>();
        long nextId = 1;

        BenchCommand NewGtc(Side side, long price) =>
            new(false, nextId++, users[random.Next(Users)], side, EngineTimeInForce.Gtc, price, 1 + random.Next(100));

        long PassivePrice(Side side)
        {
            long offset = 1 + random.Next(HalfSpread);
            return side == Side.Buy ? Mid - offset : Mid + offset;
        }

        var prefill = new BenchCommand[TargetResting];
        for (int i = 0; i < prefill.Length; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            prefill[i] = NewGtc(side, PassivePrice(side));
            engine.Place(prefill[i].ToOrder(), fills);
            restingIds.Add(prefill[i].Id);
        }

        int prefillLevels = engine.LevelCount(Side.Buy) + engine.LevelCount(Side.Sell);
        var commands = new BenchCommand[commandCount];
        int gtc = 0, ioc = 0, cancels = 0, withTrades = 0, min = int.MaxValue, max = 0;
        for (int i = 0; i < commandCount; i++)
        {
            // Steer toward the target size: cancel more when above it, place more when below.
            int cancelPercent = engine.RestingCount > TargetResting ? 52 : 42;
            int roll = random.Next(100);
            BenchCommand command;
            if (roll < cancelPercent && TryPickResting(engine, restingIds, random, out long cancelId))
            {
                command = new BenchCommand(true, cancelId, "", Side.Buy, EngineTimeInForce.Gtc, 0, 0);
                cancels++;
            }
            else if (roll >= 95)
            {
                // Aggressive IOC a few ticks through the opposite best: the main source of trades.
                Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long? best = side == Side.Buy ? engine.BestAsk : engine.BestBid;
                long reach = random.Next(4);
                long price = best is { } b ? (side == Side.Buy ? b + reach : b - reach) : Mid;
                command = new BenchCommand(false, nextId++, users[random.Next(Users)], side, EngineTimeInForce.Ioc, price, 1 + random.Next(60));
                ioc++;
            }
            else
            {
                Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long price = random.Next(50) == 0 && (side == Side.Buy ? engine.BestAsk : engine.BestBid) is { } opposite
                    ? opposite // occasional marketable GTC, like a limit order that crosses the spread
                    : PassivePrice(side);
                command = NewGtc(side, price);
                gtc++;
            }

            commands[i] = command;
            if (command.IsCancel)
            {
                engine.TryCancel(command.Id, out _);
            }
            else
            {
                fills.Clear();
                EngineOrder placed = engine.Place(command.ToOrder(), fills);
                if (fills.Count > 0)
                {
                    withTrades++;
                }

                if (placed.IsResting)
                {
                    restingIds.Add(placed.Id);
                }
            }

            min = Math.Min(min, engine.RestingCount);
            max = Math.Max(max, engine.RestingCount);
        }

        var stats = new WorkloadStats(commandCount, gtc, ioc, cancels, withTrades, prefill.Length, prefillLevels, min, max,
            engine.RestingCount, engine.LevelCount(Side.Buy) + engine.LevelCount(Side.Sell));
        return new MixedWorkload(prefill, commands, stats);
    }

    /// <summary>Random resting id; ids filled since they were recorded are dropped lazily (swap-remove).</summary>
    private static bool TryPickResting(MatchingEngine engine, List<long> ids, Random random, out long id)
    {
        while (ids.Count > 0)
        {
            int index = random.Next(ids.Count);
            id = ids[index];
            ids[index] = ids[^1];
            ids.RemoveAt(ids.Count - 1);
            if (engine.FindResting(id) is not null)
            {
                return true;
            }
        }

        id = 0;
        return false;
    }
}
