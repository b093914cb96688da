namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>A recorded reading, credited to <paramref name="UserId"/> (the meter's owner when it was recorded).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.Reading")]
public sealed record Reading(
    [property: Id(0)] string ReadingId,
    [property: Id(1)] string MeterId,
    [property: Id(2)] string UserId,
    [property: Id(3)] decimal Kwh,
    [property: Id(4)] DateTimeOffset ReadingTimestamp,
    [property: Id(5)] DateTimeOffset RecordedAt,
    [property: Id(6)] bool Minted)
{
    /// <summary>Whether <paramref name="submission"/> is this reading sent again (the same meter, energy and instant).</summary>
    public bool IsSameAs(ReadingSubmission submission) =>
        submission.MeterId == MeterId && submission.ReadingId == ReadingId && submission.Kwh == Kwh
        && submission.ReadingTimestamp == ReadingTimestamp;
}
