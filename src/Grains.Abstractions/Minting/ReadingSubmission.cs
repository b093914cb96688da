namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>What a meter posted, parsed but not yet judged.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.ReadingSubmission")]
public sealed record ReadingSubmission(
    [property: Id(0)] string MeterId,
    [property: Id(1)] string ReadingId,
    [property: Id(2)] decimal Kwh,
    [property: Id(3)] DateTimeOffset ReadingTimestamp);
