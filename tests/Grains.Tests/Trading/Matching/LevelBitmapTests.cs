using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class LevelBitmapTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(64, 2)]
    [InlineData(4_097, 3)]
    [InlineData(300_000, 4)]
    [InlineData(1 << 20, 5)]
    public void Next_set_queries_match_a_sorted_set(int size, int seed)
    {
        var random = new Random(seed);
        var bitmap = new LevelBitmap(size);
        var naive = new SortedSet<int>();
        for (int step = 0; step < 5_000; step++)
        {
            // Few bits at a time so long empty stretches exercise the summary words.
            int index = random.Next(size);
            if (random.Next(3) != 0 && naive.Count < 40)
            {
                bitmap.Set(index);
                naive.Add(index);
            }
            else
            {
                bitmap.Clear(index);
                naive.Remove(index);
            }

            int probe = random.Next(-2, size + 2);
            Assert.True(Above(naive, probe, size) == bitmap.NextAtOrAbove(probe), $"seed {seed} step {step} above {probe}");
            Assert.True(Below(naive, probe) == bitmap.NextAtOrBelow(probe), $"seed {seed} step {step} below {probe}");
            Assert.Equal(naive.Contains(index), bitmap.IsSet(index));
        }
    }

    private static int Above(SortedSet<int> set, int from, int size)
    {
        if (from >= size)
        {
            return -1;
        }

        var view = set.GetViewBetween(Math.Max(from, 0), int.MaxValue);
        return view.Count == 0 ? -1 : view.Min;
    }

    private static int Below(SortedSet<int> set, int from)
    {
        if (from < 0)
        {
            return -1;
        }

        var view = set.GetViewBetween(int.MinValue, from);
        return view.Count == 0 ? -1 : view.Max;
    }
}
