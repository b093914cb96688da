namespace GridTokenX.Grains.Abstractions.Minting;

[GenerateSerializer]
[Alias("gtx.minting.RegisterMeterOutcome")]
public enum RegisterMeterOutcome
{
    /// <summary>Registered now: the caller hands out the meter's token.</summary>
    Created,

    /// <summary>Already registered to the same owner; nothing changed.</summary>
    Existing,

    /// <summary>Registered to another owner; nothing changed.</summary>
    OwnedByOther,
}
