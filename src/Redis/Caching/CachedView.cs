namespace GridTokenX.Redis.Caching;

/// <summary>
/// What the read cache holds for a key: the view as JSON text (what the API serves, so a hit is written out without
/// re-serializing) and when its data was produced, which is how staleness is measured on every serve.
/// </summary>
public sealed record CachedView(string Json, DateTimeOffset ProducedAt);
