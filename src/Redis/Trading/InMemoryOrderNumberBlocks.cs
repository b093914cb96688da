using System.Collections.Concurrent;

namespace GridTokenX.Redis.Trading;

public sealed class InMemoryOrderNumberBlocks : IOrderNumberBlocks
{
    private readonly ConcurrentDictionary<string, long> _taken = new(StringComparer.Ordinal);

    public ValueTask<long> TakeAsync(string symbol, long floor, int size, CancellationToken cancellationToken)
    {
        long first = 0;
        _taken.AddOrUpdate(symbol, _ => (first = floor) + size - 1, (_, last) => (first = Math.Max(last + 1, floor)) + size - 1);
        return ValueTask.FromResult(first);
    }
}
