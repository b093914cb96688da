namespace GridTokenX.Grains.Trading.Matching;

public enum EngineTimeInForce : byte
{
    /// <summary>Good till cancelled: an unfilled remainder rests on the book.</summary>
    Gtc,

    /// <summary>Immediate or cancel: fill what crosses now, cancel the rest.</summary>
    Ioc,

    /// <summary>Fill or kill: fill the whole quantity now or nothing at all.</summary>
    Fok,
}
