using BenchmarkDotNet.Attributes;
using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Bench.Engine;

/// <summary>
/// One benchmark op = one command. Each iteration replays the whole precomputed stream on a freshly
/// prefilled engine (built in IterationSetup, outside the measurement), hence one invocation per iteration.
/// Engine orders are created in setup too, so allocation numbers are the engine's own.
/// </summary>
[Config(typeof(BenchConfig))]
public class MixedBenchmarks
{
    public const int CommandCount = 2_000_000;

    // The lookup loop is ~10x faster than a replay; repeating it keeps its iterations long enough to time reliably.
    private const int BaselinePasses = 16;

    private static MixedWorkload? _workload;
    private readonly List<Fill> _fills = new(256);
    private BenchCommand[] _commands = [];
    private EngineOrder?[] _orders = [];
    private MatchingEngine _engine = null!;
    private Dictionary<long, EngineOrder> _lookup = [];

    [Params(true, false)]
    public bool Dense { get; set; }

    private static MixedWorkload Workload => _workload ??= MixedWorkload.Generate(CommandCount, seed: 42);

    [GlobalSetup]
    public void GlobalSetup()
    {
        _commands = Workload.Commands;
        _lookup = Workload.CreatePrefilledEngine(Dense).RestingOrdersInPriorityOrder().ToDictionary(o => o.Id);
        Console.WriteLine($"// workload: {Workload.Stats}");
    }

    [IterationSetup(Targets = [nameof(Mixed), nameof(MixedAllocatingOrders)])]
    public void PrepareReplay()
    {
        _engine = Workload.CreatePrefilledEngine(Dense);
        _orders = new EngineOrder?[_commands.Length];
        for (int i = 0; i < _commands.Length; i++)
        {
            _orders[i] = _commands[i].IsCancel ? null : _commands[i].ToOrder();
        }
    }

    [Benchmark(OperationsPerInvoke = CommandCount)]
    public long Mixed()
    {
        BenchCommand[] commands = _commands;
        EngineOrder?[] orders = _orders;
        MatchingEngine engine = _engine;
        List<Fill> fills = _fills;
        long trades = 0;
        for (int i = 0; i < commands.Length; i++)
        {
            EngineOrder? order = orders[i];
            if (order is null)
            {
                engine.TryCancel(commands[i].Id, out _);
            }
            else
            {
                fills.Clear();
                engine.Place(order, fills);
                trades += fills.Count;
            }
        }

        return trades;
    }

    /// <summary>Same replay, but each placement allocates its EngineOrder as a real caller would.</summary>
    [Benchmark(OperationsPerInvoke = CommandCount)]
    public long MixedAllocatingOrders()
    {
        BenchCommand[] commands = _commands;
        MatchingEngine engine = _engine;
        List<Fill> fills = _fills;
        long trades = 0;
        for (int i = 0; i < commands.Length; i++)
        {
            ref readonly BenchCommand command = ref commands[i];
            if (command.IsCancel)
            {
                engine.TryCancel(command.Id, out _);
            }
            else
            {
                fills.Clear();
                engine.Place(command.ToOrder(), fills);
                trades += fills.Count;
            }
        }

        return trades;
    }

    /// <summary>Floor for comparison: one Dictionary lookup per command over a book-sized id index.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CommandCount * BaselinePasses)]
    public long DictionaryLookupBaseline()
    {
        BenchCommand[] commands = _commands;
        Dictionary<long, EngineOrder> lookup = _lookup;
        long hits = 0;
        for (int pass = 0; pass < BaselinePasses; pass++)
        {
            for (int i = 0; i < commands.Length; i++)
            {
                if (lookup.TryGetValue(commands[i].Id, out _))
                {
                    hits++;
                }
            }
        }

        return hits;
    }
}
