namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>A meter (key: meter id): its owner and the latest reading it posted.</summary>
[Alias("gtx.minting.IMeterGrain")]
public interface IMeterGrain : IGrainWithStringKey
{
    /// <summary>Registers the meter to <paramref name="userId"/> unless it already has an owner.</summary>
    [Alias("Register")]
    Task<RegisterMeterResult> Register(string userId);

    /// <summary>
    /// Records a reading the meter's own token posted (the caller checked the token). The reading id is claimed
    /// system-wide; the reading must be later than the meter's previous one.
    /// </summary>
    [Alias("RecordReading")]
    Task<RecordReadingResult> RecordReading(ReadingSubmission reading);

    /// <summary>Null when the meter is not registered.</summary>
    [Alias("Get")]
    Task<MeterView?> Get();
}
