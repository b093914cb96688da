using GridTokenX.Redis.Trading;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Hands out one market activation's order numbers from blocks no other activation ever had
/// (<see cref="IOrderNumberBlocks"/>), so a number whose order reserved funds and then died with its activation is
/// never reused. A restart leaves a gap in the numbers; order ids are opaque to clients.
/// </summary>
/// <remarks>Not thread-safe, on purpose: the grain's scheduler runs every call one at a time.</remarks>
public sealed class OrderNumberSource(IOrderNumberBlocks blocks, string symbol, int blockSize = 1000)
{
    private long _next;
    private long _end = -1;
    private Task? _refilling;

    /// <summary>
    /// The next number, never below <paramref name="floor"/> (the market's next number). Synchronous while the current
    /// block lasts; callers that find it empty wait for one shared refill.
    /// </summary>
    public ValueTask<long> NextAsync(long floor)
    {
        if (_next <= _end && _next >= floor) return ValueTask.FromResult(_next++);
        return new ValueTask<long>(Refill(floor));
    }

    private async Task<long> Refill(long floor)
    {
        while (!(_next <= _end && _next >= floor))
        {
            if (_refilling is null)
            {
                _refilling = Take(floor);
                try
                {
                    await _refilling;
                }
                finally
                {
                    _refilling = null;
                }
            }
            else
            {
                await _refilling;
            }
        }

        return _next++;
    }

    private async Task Take(long floor)
    {
        var first = await blocks.TakeAsync(symbol, floor, blockSize, CancellationToken.None);
        _next = first;
        _end = first + blockSize - 1;
    }
}
