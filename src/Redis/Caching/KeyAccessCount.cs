namespace GridTokenX.Redis.Caching;

/// <summary>How often one key was read, and missed, on one host during one reporting interval.</summary>
public readonly record struct KeyAccessCount(string Key, int Reads, int Misses);
