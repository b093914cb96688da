namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// One page of a list held by two sources: the markets (fresh, recent) and the read model (everything final, lagging).
/// Each source is asked for the page's <c>limit</c> items after the same cut, so the union holds the list's true next
/// <c>limit</c> items; an item both hold is listed once, as the market has it (its status may be newer).
/// </summary>
public static class PageMerge
{
    public static List<T> Take<T>(IEnumerable<T> fresh, IEnumerable<T> stored, Func<T, string> id, Comparison<T> order, int limit)
    {
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in fresh) byId.TryAdd(id(item), item);
        foreach (var item in stored) byId.TryAdd(id(item), item);
        var all = byId.Values.ToList();
        all.Sort(order);
        return all.Count > limit ? all.GetRange(0, limit) : all;
    }
}
