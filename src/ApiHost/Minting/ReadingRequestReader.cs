using System.Text.Json;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.ApiHost.Minting;

/// <summary>Turns a POST /meters/readings body into a submission, or every problem it has, field by field.</summary>
public static class ReadingRequestReader
{
    public sealed record Result(ReadingSubmission? Submission, Dictionary<string, string[]> Errors);

    public static Result Read(JsonElement body, decimal maxKwh, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var meterId = RequestFields.RequiredString(body, "meter_id", errors);
        var readingId = RequestFields.RequiredString(body, "reading_id", errors);
        var kwh = JsonDecimals.ReadPositive(body, "kwh", errors);
        if (!body.TryGetProperty("kwh", out _)) errors["kwh"] = ["kwh is required."];
        var text = RequestFields.RequiredString(body, "reading_timestamp", errors);
        DateTimeOffset timestamp = default;
        if (text is not null && !Rfc3339.TryParse(text, out timestamp))
            errors["reading_timestamp"] = ["reading_timestamp must be an RFC 3339 date-time with a zone, e.g. 2026-11-25T12:00:00.000Z."];

        // The rules judge what parsed; a field that did not parse keeps its own message.
        var candidate = new ReadingSubmission(meterId ?? "", readingId ?? "", kwh ?? 0.001m, errors.ContainsKey("reading_timestamp") ? now : timestamp);
        foreach (var error in ReadingRules.Check(candidate, maxKwh, now))
            errors.TryAdd(error.Field, [error.Message]);
        return errors.Count > 0 ? new Result(null, errors) : new Result(candidate, errors);
    }
}
