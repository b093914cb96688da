using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary>
/// Standalone mode only: the banner's users start funded, so the README's examples trade as pasted. Ordinary admin
/// deposits with fixed ids, so running this twice changes nothing; Redis mode never runs it (everyone starts at zero).
/// </summary>
public sealed class DemoBalances(IGrainFactory grains) : IHostedService
{
    public static readonly IReadOnlyList<string> Users = ["alice", "bob"];
    public static readonly IReadOnlyList<(string Asset, decimal Amount)> Amounts = [(AccountAssets.Usd, 10_000m), (AccountAssets.Kwh, 1_000m)];

    /// <summary>What the banner says about it.</summary>
    public static string Description => string.Join(" and ", Users) + " start with " +
        string.Join(" and ", Amounts.Select(a => $"{a.Amount:#,0} {a.Asset}")) + " each (demo deposits)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var user in Users)
        {
            foreach (var (asset, amount) in Amounts)
            {
                var result = await grains.GetGrain<IAccountGrain>(user).Deposit(new DepositCommand(asset, amount, $"demo-{user}-{asset.ToLowerInvariant()}"));
                if (result.Outcome is not (DepositOutcome.Created or DepositOutcome.Duplicate))
                    throw new InvalidOperationException($"Demo deposit for {user} failed: {result.Outcome}.");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
