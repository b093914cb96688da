using System.Globalization;
using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary>
/// The caller's account and ledger (the token's user only: no route takes another user's id), and the admin's
/// deposits and account views. Money is read and written by the account grains; this host never touches the store.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/account").WithTags("Accounts").RequireAuthorization();
        mine.MapGet("/", GetMyAccount).WithName("GetAccount").Produces<AccountResponse>().ProducesProblem(401).ProducesProblem(503);
        mine.MapGet("/ledger", GetMyLedger).WithName("GetLedger").Produces<List<LedgerEntryResponse>>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(503);

        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        admin.MapPost("/accounts/{userId}/deposits", Deposit).WithName("Deposit")
            .Accepts<DepositRequest>("application/json")
            .Produces<DepositResponse>(StatusCodes.Status201Created).Produces<DepositResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(503);
        admin.MapGet("/accounts/{userId}", GetAccount).WithName("AdminGetAccount").Produces<AccountResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(503);
        admin.MapGet("/money/conservation", GetConservation).WithName("GetConservation").Produces<ConservationResponse>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> GetMyAccount(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(AccountResponse.From(await grains.GetGrain<IAccountGrain>(user.UserId()).GetAccount()));

    private static async Task<IResult> GetMyLedger(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(request, "limit", 100, 1, 1000, out var limit, out var problem)) return problem!;
        string? asset = null;
        var rawAsset = request.Query["asset"];
        if (rawAsset.Count > 0 && !(rawAsset.Count == 1 && string.IsNullOrEmpty(rawAsset[0])))
        {
            if (rawAsset.Count != 1 || !AccountAssets.IsKnown(rawAsset[0])) return Problems.Validation("asset", "'asset' must be one of: USD, KWH.");
            asset = rawAsset[0];
        }

        long? before = null;
        var rawBefore = request.Query["before"];
        if (rawBefore.Count > 0 && !(rawBefore.Count == 1 && string.IsNullOrEmpty(rawBefore[0])))
        {
            if (rawBefore.Count != 1 || !long.TryParse(rawBefore[0], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b < 1)
                return Problems.Validation("before", "'before' must be an entry_id (a whole number of at least 1).");
            before = b;
        }

        var entries = await grains.GetGrain<IAccountGrain>(user.UserId()).GetLedger(asset, limit, before);
        return TypedResults.Ok(entries.Select(LedgerEntryResponse.From).ToList());
    }

    private static async Task<IResult> Deposit(string userId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!TryAccount(userId, out var accountId, out var problem)) return problem!;
        if (accountId == AccountIds.Fees) return Problems.Validation("user_id", "Deposits go to user accounts, not to the fees account.");
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (bodyProblem is not null) return bodyProblem;
        DepositCommand? command;
        Dictionary<string, string[]> errors;
        using (document)
        {
            (command, errors) = DepositRequestReader.Read(document!.RootElement);
        }

        if (command is null) return Problems.Validation(errors);
        var result = await grains.GetGrain<IAccountGrain>(accountId).Deposit(command);
        switch (result.Outcome)
        {
            case DepositOutcome.Created:
                return TypedResults.Created($"/api/v1/admin/accounts/{Uri.EscapeDataString(userId)}",
                    new DepositResponse(DepositBody.From(result.Deposit!), AccountResponse.BalancesOf(result.Account!)));
            case DepositOutcome.Duplicate:
                return TypedResults.Ok(new DepositResponse(DepositBody.From(result.Deposit!), AccountResponse.BalancesOf(result.Account!)));
            case DepositOutcome.Conflict:
                return Problems.Conflict("deposit_id_conflict", "deposit_id already used",
                    "This deposit_id was already used for a different deposit; nothing was changed.",
                    new Dictionary<string, object?> { ["deposit"] = DepositBody.From(result.Deposit!) });
            case DepositOutcome.Invalid:
                return Problems.Validation(result.Error!.Field, result.Error.Message);
            default:
                return Problems.Unavailable("The account's lock or the money store could not be had in time; nothing was changed. Retry with the same deposit_id.", 2);
        }
    }

    private static async Task<IResult> GetAccount(string userId, IGrainFactory grains)
    {
        if (!TryAccount(userId, out var accountId, out var problem)) return problem!;
        return TypedResults.Ok(AccountResponse.From(await grains.GetGrain<IAccountGrain>(accountId).GetAccount()));
    }

    private static async Task<IResult> GetConservation(IGrainFactory grains) =>
        TypedResults.Ok(ConservationResponse.From(await grains.GetGrain<IMoneyAuditGrain>(0).GetConservation()));

    // "fees" names the fees account on the admin routes.
    private static bool TryAccount(string userId, out string accountId, out IResult? problem)
    {
        accountId = userId == AccountIds.FeesAlias ? AccountIds.Fees : userId;
        problem = null;
        if (accountId == AccountIds.Fees || AccountIds.IsUserId(userId)) return true;
        problem = Problems.Validation("user_id", "user_id must match ^[A-Za-z0-9_-]{1,64}$ (or be 'fees').");
        return false;
    }
}

/// <summary>The body of an admin deposit (OpenAPI only; the endpoint reads the JSON itself to report every bad field).</summary>
public sealed record DepositRequest(string Asset, string Amount, string DepositId);
