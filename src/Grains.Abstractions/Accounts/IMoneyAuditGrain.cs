using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>The conservation check (API.md "Settlement", the invariant) read on demand for the admin view; key 0.</summary>
[Alias("gtx.accounts.IMoneyAuditGrain")]
public interface IMoneyAuditGrain : IGrainWithIntegerKey
{
    /// <exception cref="MoneyUnavailableException"/>
    [Alias("GetConservation")]
    [ReadOnly]
    Task<ConservationReport> GetConservation();
}
