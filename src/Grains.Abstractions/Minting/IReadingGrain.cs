namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>
/// One reading (key: reading id): the single place that decides which meter's reading the id names, and whether its
/// energy was minted.
/// </summary>
[Alias("gtx.minting.IReadingGrain")]
public interface IReadingGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Reading?> Get();

    /// <summary>Claims the id for <paramref name="reading"/>: Created, Duplicate (the same reading) or Conflict.</summary>
    [Alias("Record")]
    Task<RecordReadingResult> Record(Reading reading);

    /// <summary>
    /// Credits the reading's energy to its owner, once ever: under the owner's wallet lock, one idempotent money write.
    /// <paramref name="userId"/> is the caller: anyone but the owner gets NotFound.
    /// </summary>
    [Alias("Mint")]
    Task<MintResult> Mint(string userId);
}
