using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Settlement;

/// <summary>A trade's settlement, for its buyer, its seller or an admin; to anyone else it does not exist.</summary>
public static class SettlementEndpoints
{
    public static IEndpointRouteBuilder MapSettlements(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/settlements/{tradeId}", GetSettlement).WithTags("Settlement").RequireAuthorization()
            .WithName("GetSettlement").Produces<SettlementResponse>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> GetSettlement(string tradeId, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains)
    {
        if (!OrderIds.TryParseTrade(tradeId, out var symbol, out _) || !catalog.TryGet(symbol, out var spec)) return NotFound();
        var settlement = await grains.GetGrain<ISettlementGrain>(symbol).GetSettlement(tradeId);
        var caller = user.UserId();
        var mayRead = settlement is not null
            && (settlement.BuyerId == caller || settlement.SellerId == caller || user.HasClaim("role", Roles.Admin));
        return mayRead ? TypedResults.Ok(SettlementResponse.From(settlement!, spec)) : NotFound();
    }

    private static IResult NotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, "settlement_not_found", "Settlement not found", "No such trade exists for this user.");
}
