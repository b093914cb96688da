using System.Security.Claims;
using GridTokenX.ApiHost.Accounts;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.ApiHost.Minting;

/// <summary><c>POST /api/v1/tokens/mint</c>: a reading's energy into its owner's wallet, once ever.</summary>
public static class MintEndpoints
{
    public static IEndpointRouteBuilder MapMinting(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tokens/mint", Mint).WithTags("Meters").WithName("MintTokens").RequireAuthorization()
            .Accepts<MintRequest>("application/json")
            .Produces<MintCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
            .ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> Mint(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? readingId;
        using (document)
        {
            readingId = RequestFields.RequiredString(document!.RootElement, "reading_id", errors);
        }

        if (readingId is not null && !MintingIds.IsValidReadingId(readingId))
            errors["reading_id"] = ["reading_id must be 1 to 64 letters, digits, '_', '-', '.' or ':'."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var result = await grains.GetGrain<IReadingGrain>(readingId!).Mint(user.UserId());
        return result.Outcome switch
        {
            MintOutcome.Minted => TypedResults.Created((string?)null,
                new MintCreatedResponse(MintResponse.From(result.Mint!), AccountResponse.BalancesOf(result.Account!))),
            MintOutcome.AlreadyMinted => Problems.Conflict("already_minted", "Already minted",
                "This reading's energy was already minted; nothing was changed.",
                new Dictionary<string, object?> { ["mint"] = MintResponse.From(result.Mint!) }),
            MintOutcome.NotFound => Problems.Create(StatusCodes.Status404NotFound, "reading_not_found", "Reading not found",
                "No such reading exists for this user."),
            MintOutcome.LockUnavailable => Problems.Unavailable("The wallet lock cannot be taken right now; nothing was minted. Retry shortly."),
            _ => Problems.Unavailable("The money store is not reachable right now; retry (a mint is applied at most once)."),
        };
    }
}

/// <summary>The body of POST /tokens/mint.</summary>
public sealed record MintRequest(string ReadingId);
