using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <param name="Reading">Created: the new reading; Duplicate: the original. Never another meter's reading.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.RecordReadingResult")]
public sealed record RecordReadingResult(
    [property: Id(0)] RecordReadingOutcome Outcome,
    [property: Id(1)] Reading? Reading,
    [property: Id(2)] IReadOnlyList<FieldError> Errors)
{
    public static RecordReadingResult Of(RecordReadingOutcome outcome, Reading? reading = null) => new(outcome, reading, []);
}
