namespace GridTokenX.ReadModel.Model;

/// <summary>
/// One interval of a market's trades. <see cref="Open"/> and <see cref="Close"/> are the prices of its lowest- and
/// highest-numbered trades (trade order, not arrival order); <see cref="Value"/> is Σ price × quantity, exact.
/// <see cref="CloseTime"/> is the interval's last millisecond (open + length − 1 ms), as exchanges report it.
/// </summary>
public sealed record Candle(
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal Value,
    long Trades);
