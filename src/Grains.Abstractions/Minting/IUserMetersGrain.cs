namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>The meters registered to one user (key: user id), so <c>GET /meters</c> finds them without a scan.</summary>
[Alias("gtx.minting.IUserMetersGrain")]
public interface IUserMetersGrain : IGrainWithStringKey
{
    /// <summary>Idempotent: adding a meter twice lists it once.</summary>
    [Alias("Add")]
    Task Add(string meterId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
