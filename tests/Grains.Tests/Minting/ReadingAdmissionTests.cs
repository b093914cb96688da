using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Minting;

namespace GridTokenX.Grains.Tests.Minting;

public sealed class ReadingAdmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Meter M1 = new("M1", "alice", Now.AddDays(-1));

    private static Reading Recorded(string id, DateTimeOffset at, decimal kwh = 2m) => new(id, "M1", "alice", kwh, at, Now, Minted: false);

    private static RecordReadingResult? Judge(ReadingSubmission s, Meter? meter = null, Reading? last = null, Reading? existing = null) =>
        ReadingAdmission.Judge(s, meter ?? M1, last, existing, 1000m, Now);

    [Fact]
    public void An_unregistered_meter_or_another_meters_state_is_not_found()
    {
        var s = new ReadingSubmission("M1", "r", 1m, Now);

        Assert.Equal(RecordReadingOutcome.MeterNotFound, ReadingAdmission.Judge(s, null, null, null, 1000m, Now)!.Outcome);
        Assert.Equal(RecordReadingOutcome.MeterNotFound, Judge(s with { MeterId = "M2" })!.Outcome);
    }

    [Fact]
    public void A_new_valid_reading_later_than_the_last_goes_on_to_be_claimed() =>
        Assert.Null(Judge(new ReadingSubmission("M1", "r2", 1m, Now), last: Recorded("r1", Now.AddMinutes(-1))));

    [Fact]
    public void The_same_reading_again_is_a_duplicate_even_though_it_is_not_later_than_itself()
    {
        var original = Recorded("r1", Now.AddMinutes(-1));

        var judged = Judge(new ReadingSubmission("M1", "r1", 2.000m, original.ReadingTimestamp), last: original, existing: original)!;

        Assert.Equal(RecordReadingOutcome.Duplicate, judged.Outcome);
        Assert.Same(original, judged.Reading);
    }

    [Theory]
    [InlineData("M1", "3")]
    [InlineData("M1", "2", 1)]
    [InlineData("M2", "2")]
    public void The_same_id_with_another_body_or_from_another_meter_is_a_conflict_that_reveals_nothing(string meter, string kwh, int minutesLater = 0)
    {
        var original = Recorded("r1", Now.AddMinutes(-5));
        var judged = Judge(new ReadingSubmission(meter, "r1", decimal.Parse(kwh, System.Globalization.CultureInfo.InvariantCulture),
            original.ReadingTimestamp.AddMinutes(minutesLater)), meter: M1 with { MeterId = meter }, existing: original)!;

        Assert.Equal(RecordReadingOutcome.Conflict, judged.Outcome);
        Assert.Null(judged.Reading);
    }

    [Fact]
    public void A_reading_not_later_than_the_meters_previous_is_invalid()
    {
        var last = Recorded("r1", Now.AddMinutes(-1));

        foreach (var at in new[] { last.ReadingTimestamp, last.ReadingTimestamp.AddTicks(-1) })
        {
            var judged = Judge(new ReadingSubmission("M1", "r2", 1m, at), last: last)!;
            Assert.Equal(RecordReadingOutcome.Invalid, judged.Outcome);
            Assert.Equal("reading_timestamp", Assert.Single(judged.Errors).Field);
        }
    }

    [Fact]
    public void The_latest_reading_is_the_one_with_the_latest_timestamp()
    {
        var older = Recorded("r1", Now.AddMinutes(-2));
        var newer = Recorded("r2", Now.AddMinutes(-1));

        Assert.Same(newer, ReadingAdmission.Latest(older, newer));
        Assert.Same(newer, ReadingAdmission.Latest(newer, older));
        Assert.Same(older, ReadingAdmission.Latest(null, older));
    }
}
