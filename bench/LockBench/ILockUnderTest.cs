namespace GridTokenX.Bench.LockBench;

/// <summary>One lock implementation as the benchmark drives it: one attempt, or waiting up to a limit; null = not acquired.</summary>
internal interface ILockUnderTest
{
    string Name { get; }

    Task<IAsyncDisposable?> TryOnceAsync(string resource);

    Task<IAsyncDisposable?> WaitAsync(string resource, TimeSpan wait);
}
