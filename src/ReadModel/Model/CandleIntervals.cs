namespace GridTokenX.ReadModel.Model;

/// <summary>Names ("1m" … "1d"), lengths and alignment of <see cref="CandleInterval"/>.</summary>
public static class CandleIntervals
{
    public static IReadOnlyList<CandleInterval> All { get; } = Enum.GetValues<CandleInterval>();

    public static string Name(this CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => "1m",
        CandleInterval.FiveMinutes => "5m",
        CandleInterval.FifteenMinutes => "15m",
        CandleInterval.OneHour => "1h",
        CandleInterval.OneDay => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public static TimeSpan Length(this CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => TimeSpan.FromMinutes(1),
        CandleInterval.FiveMinutes => TimeSpan.FromMinutes(5),
        CandleInterval.FifteenMinutes => TimeSpan.FromMinutes(15),
        CandleInterval.OneHour => TimeSpan.FromHours(1),
        CandleInterval.OneDay => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public static bool TryParse(string? name, out CandleInterval interval)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                interval = candidate;
                return true;
            }
        }

        interval = default;
        return false;
    }

    /// <summary>
    /// The UTC ticks at which the interval holding <paramref name="ticks"/> opens. Every length divides a day, and
    /// 0001-01-01 is a whole number of days before the Unix epoch, so this is the usual epoch alignment.
    /// </summary>
    public static long OpenTicks(this CandleInterval interval, long ticks) => ticks - (ticks % interval.Length().Ticks);
}
