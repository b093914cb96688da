using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Redis.Money;
using Orleans.Concurrency;

namespace GridTokenX.Grains.Accounts;

/// <summary>Reads the conservation totals (one atomic read of the store) for the admin view; any silo may answer.</summary>
[GrainType("moneyaudit")]
[StatelessWorker]
public sealed class MoneyAuditGrain(IMoneyStore store, TimeProvider time) : Grain, IMoneyAuditGrain
{
    public async Task<ConservationReport> GetConservation()
    {
        MoneyTotals totals;
        try
        {
            totals = await store.GetTotalsAsync(CancellationToken.None);
        }
        catch (MoneyStoreUnavailableException ex)
        {
            throw new MoneyUnavailableException("The money store is not reachable right now; retry shortly. (" + ex.GetType().Name + ")");
        }

        return ConservationMonitor.Report(totals, time.GetUtcNow());
    }
}
