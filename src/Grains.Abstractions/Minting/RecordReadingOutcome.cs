namespace GridTokenX.Grains.Abstractions.Minting;

[GenerateSerializer]
[Alias("gtx.minting.RecordReadingOutcome")]
public enum RecordReadingOutcome
{
    Created,

    /// <summary>The same reading again: the original is answered, nothing changed.</summary>
    Duplicate,

    /// <summary>The reading id is taken by a different reading (or another meter); nothing changed.</summary>
    Conflict,

    MeterNotFound,

    /// <summary>Refused by a rule; <see cref="RecordReadingResult.Errors"/> says which.</summary>
    Invalid,
}
