using System.Net;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>POST /meters/readings: every bad input a 4xx that records nothing; ids unique system-wide; repeats idempotent.</summary>
public sealed class ReadingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-1);

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"reading_id":"r","kwh":"1","reading_timestamp":"2026-01-01T00:00:00Z"}""", "meter_id" },
        { """{"meter_id":"{M}","kwh":"1","reading_timestamp":"2026-01-01T00:00:00Z"}""", "reading_id" },
        { """{"meter_id":"{M}","reading_id":"bad id","kwh":"1","reading_timestamp":"2026-01-01T00:00:00Z"}""", "reading_id" },
        { """{"meter_id":"{M}","reading_id":"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr","kwh":"1","reading_timestamp":"2026-01-01T00:00:00Z"}""", "reading_id" },
        { """{"meter_id":"{M}","reading_id":5,"kwh":"1","reading_timestamp":"2026-01-01T00:00:00Z"}""", "reading_id" },
        { """{"meter_id":"{M}","reading_id":"r","reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"0","reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":-2,"reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1.0005","reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":1.0005,"reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1000.001","reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"abc","reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":1e400,"reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":true,"reading_timestamp":"2026-01-01T00:00:00Z"}""", "kwh" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1"}""", "reading_timestamp" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1","reading_timestamp":"2026-01-01"}""", "reading_timestamp" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1","reading_timestamp":"2026-01-01T00:00:00"}""", "reading_timestamp" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1","reading_timestamp":"yesterday"}""", "reading_timestamp" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1","reading_timestamp":1764000000}""", "reading_timestamp" },
        { """{"meter_id":"{M}","reading_id":"r","kwh":"1","reading_timestamp":"2999-01-01T00:00:00Z"}""", "reading_timestamp" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_a_400_naming_it_and_records_nothing(string body, string field)
    {
        var meterId = MeterSetup.NewId("MV");
        var owner = MeterSetup.NewId("uv");
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);

        var problem = await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/meters/readings", ApiFixture.Json(body.Replace("{M}", meterId))),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var user = api.As(owner);
        var listed = await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/meters"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[0].GetProperty("last_reading").ValueKind);
    }

    [Fact]
    public async Task A_reading_is_recorded_once_for_the_owner_repeats_answer_the_original_and_other_bodies_conflict()
    {
        var meterId = MeterSetup.NewId("MR");
        var owner = MeterSetup.NewId("ur");
        var readingId = MeterSetup.NewId("r");
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);

        var created = (await MeterSetup.PostReadingAsync(meter, meterId, readingId, "12.5", Earlier)).GetProperty("reading");
        var repeat = (await MeterSetup.PostReadingAsync(meter, meterId, readingId, "12.500", Earlier, HttpStatusCode.OK)).GetProperty("reading");
        await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/meters/readings",
            ApiFixture.Json(MeterSetup.Body(meterId, readingId, "12.501", Earlier))), HttpStatusCode.Conflict, "reading_id_conflict");
        await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/meters/readings",
            ApiFixture.Json(MeterSetup.Body(meterId, readingId, "12.5", Earlier.AddSeconds(1)))), HttpStatusCode.Conflict, "reading_id_conflict");

        Assert.Equal(readingId, created.Str("reading_id"));
        Assert.Equal(meterId, created.Str("meter_id"));
        Assert.Equal(owner, created.Str("user_id"));
        Assert.Equal("12.500", created.Str("kwh"));
        Assert.False(created.GetProperty("minted").GetBoolean());
        Assert.Equal(created.ToString(), repeat.ToString());
        using var user = api.As(owner);
        var last = (await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/meters"), HttpStatusCode.OK))[0].GetProperty("last_reading");
        Assert.Equal(created.ToString(), last.ToString());
    }

    [Fact]
    public async Task A_reading_id_is_unique_across_meters()
    {
        var readingId = MeterSetup.NewId("shared");
        var (m1, m2) = (MeterSetup.NewId("MA"), MeterSetup.NewId("MB"));
        using var first = await MeterSetup.RegisterAsync(api, m1, "unique-a");
        using var second = await MeterSetup.RegisterAsync(api, m2, "unique-b");

        await MeterSetup.PostReadingAsync(first, m1, readingId, "1", Earlier);
        var problem = await ApiJson.AssertProblemAsync(await second.PostAsync("/api/v1/meters/readings",
            ApiFixture.Json(MeterSetup.Body(m2, readingId, "1", Earlier))), HttpStatusCode.Conflict, "reading_id_conflict");

        // The conflict does not show the other meter's reading.
        Assert.False(problem.TryGetProperty("reading", out _));
        using var b = api.As("unique-b");
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            (await ApiJson.AssertStatusAsync(await b.GetAsync("/api/v1/meters"), HttpStatusCode.OK)).EnumerateArray()
            .Single(m => m.Str("meter_id") == m2).GetProperty("last_reading").ValueKind);
    }

    [Fact]
    public async Task A_reading_must_be_later_than_the_meters_previous_one()
    {
        var meterId = MeterSetup.NewId("MT");
        using var meter = await MeterSetup.RegisterAsync(api, meterId, "later-owner");
        await MeterSetup.PostReadingAsync(meter, meterId, MeterSetup.NewId("r"), "1", Earlier);

        foreach (var at in new[] { Earlier, Earlier.AddMilliseconds(-1) })
        {
            var problem = await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/meters/readings",
                ApiFixture.Json(MeterSetup.Body(meterId, MeterSetup.NewId("r"), "1", at))), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("reading_timestamp", out _));
        }

        await MeterSetup.PostReadingAsync(meter, meterId, MeterSetup.NewId("r"), "1", Earlier.AddMilliseconds(1));
    }

    [Fact]
    public async Task An_unregistered_meter_is_404()
    {
        using var meter = api.As("MNEVER", GridTokenX.ApiHost.Auth.Roles.Meter);

        await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/meters/readings",
            ApiFixture.Json(MeterSetup.Body("MNEVER", "r-never", "1", Earlier))), HttpStatusCode.NotFound, "meter_not_found");
    }
}
