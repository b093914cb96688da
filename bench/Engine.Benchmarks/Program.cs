using System.Diagnostics;
using BenchmarkDotNet.Running;
using GridTokenX.Bench.Engine;
using GridTokenX.Grains.Trading.Matching;

if (args is ["--sanity", ..])
{
    // Quick non-BenchmarkDotNet run: prints the workload mix and a rough throughput/allocation check.
    MixedWorkload workload = MixedWorkload.Generate(MixedBenchmarks.CommandCount, seed: 42);
    Console.WriteLine(workload.Stats);
    foreach (bool dense in new[] { true, false })
    {
        for (int round = 0; round < 3; round++)
        {
            MatchingEngine engine = workload.CreatePrefilledEngine(dense);
            EngineOrder?[] orders = [.. workload.Commands.Select(c => c.IsCancel ? null : c.ToOrder())];
            var fills = new List<Fill>(256);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < orders.Length; i++)
            {
                if (orders[i] is { } order)
                {
                    fills.Clear();
                    engine.Place(order, fills);
                }
                else
                {
                    engine.TryCancel(workload.Commands[i].Id, out _);
                }
            }

            watch.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine(
                $"dense={dense} round={round}: {orders.Length / watch.Elapsed.TotalSeconds:N0} ops/s, {allocated} bytes allocated, final resting={engine.RestingCount}");
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MixedBenchmarks).Assembly).Run(args);
