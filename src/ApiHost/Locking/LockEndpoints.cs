using System.Security.Claims;
using System.Text.RegularExpressions;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;
using GridTokenX.Redis.Locking;

namespace GridTokenX.ApiHost.Locking;

/// <summary>
/// The admin view of the locks (API.md "Admin" → Locks): what is held cluster-wide, the statistics of every process,
/// the nodes; and the force-release, an operator's last resort, recorded as a <c>security_event</c> naming the admin.
/// The lock is this host's own <see cref="IDistributedLock"/> over the same nodes as the silos' (docs/locks.md).
/// </summary>
public static partial class LockEndpoints
{
    public static IEndpointRouteBuilder MapLocks(this IEndpointRouteBuilder app)
    {
        var locks = app.MapGroup("/api/v1/admin/locks").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        locks.MapGet("/", ListLocks).WithName("ListLocks").Produces<LocksResponse>().ProducesProblem(401).ProducesProblem(403);
        locks.MapDelete("/{resource}", ForceRelease).WithName("ForceReleaseLock").Produces<ForceReleaseResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    // API.md's resources: account:{user_id} (settlement, deposits) and wallet:{user_id} (minting), user ids as in "Auth".
    [GeneratedRegex("^(account|wallet):[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Resource();

    private static async Task<IResult> ListLocks(IDistributedLock locks, CancellationToken cancellationToken) =>
        TypedResults.Ok(LocksResponse.From(await locks.InspectAsync(cancellationToken)));

    private static async Task<IResult> ForceRelease(string resource, ClaimsPrincipal user, IDistributedLock locks, IAlertSink alerts,
        CancellationToken cancellationToken)
    {
        if (!Resource().IsMatch(resource))
        {
            return Problems.Validation("resource",
                "resource must be account:{user_id} or wallet:{user_id}, the user id 1 to 64 of A-Z, a-z, 0-9, '_' and '-'.");
        }

        var released = await locks.ForceReleaseAsync(resource);
        if (released == 0)
        {
            // Nothing deleted: say "not held" only when a majority of the nodes could have told.
            var nodes = (await locks.InspectAsync(cancellationToken)).Nodes;
            if (nodes.Count > 0 && nodes.Count(n => n.Up) < nodes.Count / 2 + 1)
                return Problems.Unavailable("Too few lock nodes answer to force-release a lock; try again.", 5);
            return Problems.Create(StatusCodes.Status404NotFound, "lock_not_held", "Lock not held", $"No node holds a lock on '{resource}'.");
        }

        var admin = user.UserId();
        alerts.Raise(AlertKind.SecurityEvent, AlertSeverity.Warning, $"Admin {admin} force-released the lock {resource}.",
            new Dictionary<string, string>
            {
                ["event"] = "lock_force_released",
                ["user"] = admin,
                ["resource"] = resource,
                ["released_on_nodes"] = released.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        return TypedResults.Ok(new ForceReleaseResponse(resource, released));
    }
}
