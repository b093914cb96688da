namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>One value a source produced: the cache key and the view as JSON text.</summary>
public sealed record WarmedEntry(string Key, string Json);
