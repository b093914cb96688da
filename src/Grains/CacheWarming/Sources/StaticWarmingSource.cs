using System.Runtime.CompilerServices;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// Values from settings: <c>Source:Values:{name}</c> = JSON, written under the key pattern with its one placeholder set
/// to <c>{name}</c> (or, for a pattern without placeholders, the single value under the pattern itself).
/// </summary>
public sealed class StaticWarmingSource : IWarmingSource
{
    public WarmingSourceKind Kind => WarmingSourceKind.Static;

    public async IAsyncEnumerable<WarmedEntry> FetchAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var (name, json) in task.Source.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = task.KeyPattern.Placeholders.Count == 0 ? task.KeyPattern.Text : task.KeyPattern.Fill(_ => name);
            if (key is not null) yield return new WarmedEntry(key, json);
        }
    }
}
