using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Minting;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Minting;

/// <summary>
/// Meters (admin registration, the owner's list) and their readings. Only a meter's own token records a reading: users
/// cannot invent energy.
/// </summary>
public static class MeterEndpoints
{
    public static IEndpointRouteBuilder MapMeters(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/admin/meters", Register).WithTags("Admin").WithName("RegisterMeter").RequireAuthorization(Roles.AdminPolicy)
            .Accepts<RegisterMeterRequest>("application/json")
            .Produces<MeterCreatedResponse>(StatusCodes.Status201Created).Produces<MeterEnvelope>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(503);

        app.MapGet("/api/v1/meters", List).WithTags("Meters").WithName("ListMyMeters").RequireAuthorization()
            .Produces<List<MeterResponse>>().ProducesProblem(401).ProducesProblem(403);

        app.MapPost("/api/v1/meters/readings", PostReading).WithTags("Meters").WithName("PostReading")
            .RequireAuthorization(Roles.MeterPolicy).AllowMeter()
            .Accepts<PostReadingRequest>("application/json")
            .Produces<ReadingEnvelope>(StatusCodes.Status201Created).Produces<ReadingEnvelope>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
            .ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> Register(HttpRequest request, IGrainFactory grains, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? meterId, userId;
        using (document)
        {
            meterId = RequestFields.RequiredString(document!.RootElement, "meter_id", errors);
            userId = RequestFields.RequiredString(document.RootElement, "user_id", errors);
        }

        if (meterId is not null && !MintingIds.IsValidMeterId(meterId)) errors["meter_id"] = ["meter_id must be 1 to 64 letters, digits, '_' or '-'."];
        if (userId is not null && !TokenIssuer.IsValidUserId(userId)) errors["user_id"] = ["user_id must be 1 to 64 letters, digits, '_' or '-'."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var result = await grains.GetGrain<IMeterGrain>(meterId!).Register(userId!);
        var meter = MeterResponse.From(result.Meter, null);
        return result.Outcome switch
        {
            RegisterMeterOutcome.Created => TypedResults.Created($"/api/v1/meters/{Uri.EscapeDataString(meterId!)}",
                new MeterCreatedResponse(meter, tokens.Issue(meterId!, Roles.Meter, Roles.MeterTokenLifetime))),
            RegisterMeterOutcome.Existing => TypedResults.Ok(new MeterEnvelope(meter)),
            // Whose it is stays unsaid: the admin learns only that this registration cannot be made.
            _ => Problems.Conflict("meter_registered", "Meter already registered",
                "This meter is registered to another user; nothing was changed."),
        };
    }

    private static async Task<IResult> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IUserMetersGrain>(user.UserId()).List();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IMeterGrain>(id).Get()));
        return TypedResults.Ok(views.OfType<MeterView>().OrderBy(v => v.Meter.MeterId, StringComparer.Ordinal)
            .Select(v => MeterResponse.From(v.Meter, v.LastReading)).ToList());
    }

    private static async Task<IResult> PostReading(HttpRequest request, ClaimsPrincipal meter, IGrainFactory grains, IOptions<MintingOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        ReadingRequestReader.Result read;
        string? claimedMeter;
        using (document)
        {
            claimedMeter = document!.RootElement.TryGetProperty("meter_id", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String
                ? m.GetString()
                : null;
            read = ReadingRequestReader.Read(document.RootElement, options.Value.MaxKwhPerReading, time.GetUtcNow());
        }

        // Another meter's reading is refused before anything about it is judged: this token cannot speak for that meter.
        if (claimedMeter is not null && claimedMeter != meter.UserId())
            return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "A meter's token may only post that meter's readings.");
        if (read.Submission is not { } submission) return Problems.Validation(read.Errors);

        var result = await grains.GetGrain<IMeterGrain>(submission.MeterId).RecordReading(submission);
        return result.Outcome switch
        {
            RecordReadingOutcome.Created => TypedResults.Created($"/api/v1/meters/readings/{Uri.EscapeDataString(submission.ReadingId)}",
                new ReadingEnvelope(ReadingResponse.From(result.Reading!))),
            RecordReadingOutcome.Duplicate => TypedResults.Ok(new ReadingEnvelope(ReadingResponse.From(result.Reading!))),
            RecordReadingOutcome.Conflict => Problems.Conflict("reading_id_conflict", "reading_id already used",
                "This reading_id was already used for a different reading; nothing was recorded."),
            RecordReadingOutcome.MeterNotFound => Problems.Create(StatusCodes.Status404NotFound, "meter_not_found", "Meter not found",
                "This meter is not registered."),
            _ => Problems.Validation(result.Errors.ToDictionary(e => e.Field, e => new[] { e.Message }, StringComparer.Ordinal)),
        };
    }
}

/// <summary>The body of POST /admin/meters (for the OpenAPI document; read by hand).</summary>
public sealed record RegisterMeterRequest(string MeterId, string UserId);

/// <summary>The body of POST /meters/readings: <c>kwh</c> a decimal string or number, <c>reading_timestamp</c> RFC 3339.</summary>
public sealed record PostReadingRequest(string MeterId, string ReadingId, string Kwh, string ReadingTimestamp);
