namespace GridTokenX.Grains.ReadModel;

/// <summary>The read model's source names (each an ordered stream with its own position): a market is its symbol.</summary>
public static class ReadModelSources
{
    public static string Market(string symbol) => symbol;

    public static string Reading(string readingId) => "reading:" + readingId;
}
