using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace GridTokenX.Bench.Engine;

/// <summary>
/// Replays mutate the book, so every iteration must start from a fresh prefilled engine:
/// exactly one invocation per iteration, no unrolling.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(3).WithIterationCount(20));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
