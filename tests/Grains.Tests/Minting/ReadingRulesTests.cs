using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.Grains.Tests.Minting;

public sealed class ReadingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static List<string> Fields(string meter = "M1", string reading = "r-1", decimal kwh = 1.5m, DateTimeOffset? at = null) =>
        [.. ReadingRules.Check(new ReadingSubmission(meter, reading, kwh, at ?? Now), 1000m, Now).Select(e => e.Field)];

    [Theory]
    [InlineData("0.001")]
    [InlineData("1000")]
    [InlineData("1000.000")]
    [InlineData("12.3450")]
    public void Energy_on_the_grid_up_to_the_maximum_is_accepted(string kwh) =>
        Assert.Empty(Fields(kwh: decimal.Parse(kwh, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0005")]
    [InlineData("1.0001")]
    [InlineData("1000.001")]
    public void Energy_off_the_grid_not_positive_or_over_the_maximum_is_refused(string kwh) =>
        Assert.Equal(["kwh"], Fields(kwh: decimal.Parse(kwh, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_timestamp_up_to_five_minutes_ahead_is_accepted_and_later_is_refused()
    {
        Assert.Empty(Fields(at: Now + TimeSpan.FromMinutes(5)));
        Assert.Equal(["reading_timestamp"], Fields(at: Now + TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    public void Reading_ids_outside_the_safe_charset_are_refused(string id) => Assert.Equal(["reading_id"], Fields(reading: id));

    [Fact]
    public void Reading_ids_of_64_characters_are_accepted_and_65_refused()
    {
        Assert.Empty(Fields(reading: new string('r', 64)));
        Assert.Equal(["reading_id"], Fields(reading: new string('r', 65)));
        Assert.Empty(Fields(reading: "M1:2026-11-25T12.00_x-1"));
    }

    [Fact]
    public void Meter_ids_have_a_token_subjects_shape() => Assert.Equal(["meter_id"], Fields(meter: "M:1"));
}
