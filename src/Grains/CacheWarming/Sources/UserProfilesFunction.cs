using System.Runtime.CompilerServices;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Views;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// <c>user_profiles</c>: the profiles of the users who traded most recently (<c>Parameters:users</c>, default 200; the
/// buyers and sellers of each market's last <c>Parameters:trades</c> trades, default 1,000, newest first), from the read
/// model (<see cref="IReadModelReader.GetUserProfileAsync"/>), as <c>GET /api/v1/account/profile</c> writes them, keyed
/// by the task's pattern with <c>{user_id}</c> filled. Choosing the users is one index range per market, never a scan.
/// </summary>
public sealed class UserProfilesFunction(MarketCatalog catalog, IReadModelReader reader, TimeProvider time) : IComputedWarmingFunction
{
    public const string FunctionName = "user_profiles";

    public string Name => FunctionName;

    public async IAsyncEnumerable<WarmedEntry> ComputeAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var users = await RecentTradersAsync(SourceParameters.Int(task, "users", 200, 1, 100_000), SourceParameters.Int(task, "trades", 1000, 1, Page.MaxLimit),
            cancellationToken).ConfigureAwait(true);
        foreach (var userId in users)
        {
            var key = task.KeyPattern.Fill(name => name == "user_id" ? userId : null);
            if (key is null || (keys is not null && !keys.Contains(key))) continue;
            var profile = await reader.GetUserProfileAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(true);
            yield return new WarmedEntry(key, ReadModelViewJson.Profile(profile));
        }
    }

    private async Task<List<string>> RecentTradersAsync(int users, int trades, CancellationToken cancellationToken)
    {
        var latest = new List<Trade>();
        foreach (var market in catalog.Markets)
            latest.AddRange(await reader.GetMarketTradesAsync(market.Symbol, Page.First(trades), cancellationToken).ConfigureAwait(true));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var trade in latest.OrderByDescending(t => t.ExecutedAt))
        {
            foreach (var user in new[] { trade.BuyerId, trade.SellerId })
                if (result.Count < users && seen.Add(user)) result.Add(user);
        }

        return result;
    }
}
