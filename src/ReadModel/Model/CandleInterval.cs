namespace GridTokenX.ReadModel.Model;

/// <summary>The candle widths API.md names; candles are aligned on UTC (a day starts at 00:00Z).</summary>
public enum CandleInterval
{
    OneMinute,
    FiveMinutes,
    FifteenMinutes,
    OneHour,
    OneDay,
}
