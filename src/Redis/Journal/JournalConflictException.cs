namespace GridTokenX.Redis.Journal;

/// <summary>The journal head moved under a writer: another activation owns the stream now.</summary>
public sealed class JournalConflictException(string stream, long expected, long actual)
    : Exception($"Journal '{stream}' head is {actual}, expected {expected}.")
{
    public string Stream { get; } = stream;
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}
