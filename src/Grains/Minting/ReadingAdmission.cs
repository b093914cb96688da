using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Minting;

/// <summary>The meter's side of recording a reading, as plain decisions over its state.</summary>
public static class ReadingAdmission
{
    /// <summary>
    /// What a submission gets before its id is claimed, or null to go on and claim it. A repeat of a recorded reading is
    /// answered before the rules run: it is not later than itself, and must still get the original back.
    /// </summary>
    /// <param name="existing">What the reading id already names, if anything.</param>
    public static RecordReadingResult? Judge(ReadingSubmission submission, Meter? meter, Reading? last, Reading? existing,
        decimal maxKwh, DateTimeOffset now)
    {
        if (meter is null || meter.MeterId != submission.MeterId) return RecordReadingResult.Of(RecordReadingOutcome.MeterNotFound);
        if (existing is not null)
        {
            return existing.IsSameAs(submission)
                ? RecordReadingResult.Of(RecordReadingOutcome.Duplicate, existing)
                : RecordReadingResult.Of(RecordReadingOutcome.Conflict);
        }

        var errors = ReadingRules.Check(submission, maxKwh, now);
        if (last is not null && submission.ReadingTimestamp <= last.ReadingTimestamp && !errors.Any(e => e.Field == "reading_timestamp"))
        {
            errors.Add(new FieldError("reading_timestamp",
                "reading_timestamp must be later than the meter's previous reading (" + last.ReadingTimestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ")."));
        }

        return errors.Count > 0 ? new RecordReadingResult(RecordReadingOutcome.Invalid, null, errors) : null;
    }

    /// <summary>The reading the meter remembers as its latest once <paramref name="recorded"/> is in.</summary>
    public static Reading Latest(Reading? last, Reading recorded) =>
        last is not null && last.ReadingTimestamp >= recorded.ReadingTimestamp ? last : recorded;
}
