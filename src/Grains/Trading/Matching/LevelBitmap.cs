using System.Numerics;

namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// Two-level occupancy bitmap over [0, size): a bit per slot plus a summary bit per non-zero word,
/// so finding the next occupied slot costs a few word scans even across a wide, sparse range.
/// </summary>
internal sealed class LevelBitmap
{
    private readonly ulong[] _words;
    private readonly ulong[] _summary;

    public LevelBitmap(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        _words = new ulong[(size + 63) >> 6];
        _summary = new ulong[(_words.Length + 63) >> 6];
    }

    public int Size { get; }

    public bool IsSet(int index) => (_words[index >> 6] & (1UL << index)) != 0;

    public void Set(int index)
    {
        int w = index >> 6;
        _words[w] |= 1UL << index;
        _summary[w >> 6] |= 1UL << w;
    }

    public void Clear(int index)
    {
        int w = index >> 6;
        ulong word = _words[w] & ~(1UL << index);
        _words[w] = word;
        if (word == 0)
        {
            _summary[w >> 6] &= ~(1UL << w);
        }
    }

    /// <summary>Lowest set index ≥ <paramref name="index"/>, or -1.</summary>
    public int NextAtOrAbove(int index)
    {
        if (index < 0)
        {
            index = 0;
        }

        if (index >= Size)
        {
            return -1;
        }

        int w = index >> 6;
        ulong bits = _words[w] & (ulong.MaxValue << index);
        if (bits != 0)
        {
            return (w << 6) + BitOperations.TrailingZeroCount(bits);
        }

        w++;
        int s = w >> 6;
        if (s >= _summary.Length)
        {
            return -1;
        }

        // (w & 63) == 0 means the whole summary word is ahead of us; the shift by 64 would be a no-op anyway.
        ulong sum = _summary[s] & (ulong.MaxValue << w);
        while (sum == 0)
        {
            if (++s >= _summary.Length)
            {
                return -1;
            }

            sum = _summary[s];
        }

        w = (s << 6) + BitOperations.TrailingZeroCount(sum);
        return (w << 6) + BitOperations.TrailingZeroCount(_words[w]);
    }

    /// <summary>Highest set index ≤ <paramref name="index"/>, or -1.</summary>
    public int NextAtOrBelow(int index)
    {
        if (index >= Size)
        {
            index = Size - 1;
        }

        if (index < 0)
        {
            return -1;
        }

        int w = index >> 6;
        ulong bits = _words[w] & (ulong.MaxValue >> (63 - (index & 63)));
        if (bits != 0)
        {
            return (w << 6) + 63 - BitOperations.LeadingZeroCount(bits);
        }

        if (--w < 0)
        {
            return -1;
        }

        int s = w >> 6;
        ulong sum = _summary[s] & (ulong.MaxValue >> (63 - (w & 63)));
        while (sum == 0)
        {
            if (--s < 0)
            {
                return -1;
            }

            sum = _summary[s];
        }

        w = (s << 6) + 63 - BitOperations.LeadingZeroCount(sum);
        return (w << 6) + 63 - BitOperations.LeadingZeroCount(_words[w]);
    }
}
