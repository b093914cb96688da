using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>
/// The rules a reading must meet on its own (API.md "Meters and minting"); the meter grain adds the one that needs its
/// state (later than the previous reading). Shared so the API host answers 400 without a grain call and the grain
/// never trusts that it did.
/// </summary>
public static class ReadingRules
{
    public const decimal KwhStep = 0.001m;

    /// <summary>How far ahead of the server's clock a reading may be stamped (meter clocks drift).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    public static List<FieldError> Check(ReadingSubmission reading, decimal maxKwh, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (!MintingIds.IsValidMeterId(reading.MeterId))
            errors.Add(new FieldError("meter_id", "meter_id must be 1 to 64 letters, digits, '_' or '-'."));
        if (!MintingIds.IsValidReadingId(reading.ReadingId))
            errors.Add(new FieldError("reading_id", "reading_id must be 1 to 64 letters, digits, '_', '-', '.' or ':'."));
        if (CheckKwh(reading.Kwh, maxKwh) is { } kwh) errors.Add(kwh);
        if (reading.ReadingTimestamp > now + MaxFutureSkew)
            errors.Add(new FieldError("reading_timestamp", "reading_timestamp must be at most 5 minutes in the future."));
        return errors;
    }

    public static FieldError? CheckKwh(decimal kwh, decimal maxKwh)
    {
        if (kwh <= 0) return new FieldError("kwh", "kwh must be greater than 0.");
        if (kwh > maxKwh) return new FieldError("kwh", $"kwh must be at most {maxKwh} per reading.");
        // Off the grid is refused, never rounded: a meter that sends more precision than the ledger keeps is misconfigured.
        return kwh % KwhStep != 0 ? new FieldError("kwh", "kwh must be a multiple of 0.001.") : null;
    }
}
