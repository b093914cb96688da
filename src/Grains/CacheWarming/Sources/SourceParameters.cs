using System.Globalization;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>A task's <c>Source:Parameters</c> as the computed functions read them.</summary>
public static class SourceParameters
{
    /// <summary>The whole-number parameter clamped to [min, max], or the fallback when it is absent or not a number.</summary>
    public static int Int(WarmingTask task, string name, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Source.Parameters.TryGetValue(name, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
    }
}
