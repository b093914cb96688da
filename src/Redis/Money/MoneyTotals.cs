namespace GridTokenX.Redis.Money;

/// <summary>
/// The conservation check, read atomically: per asset, the sum of every account's total and everything that entered
/// the system (deposits plus mints). <see cref="Imbalance"/> must be zero at every instant.
/// </summary>
public sealed record MoneyTotals(IReadOnlyDictionary<string, decimal> AccountTotals, IReadOnlyDictionary<string, decimal> Sources)
{
    public decimal Imbalance(string asset) => AccountTotals.GetValueOrDefault(asset) - Sources.GetValueOrDefault(asset);
}
