using System.Net.WebSockets;
using GridTokenX.ApiHost.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Realtime;

/// <summary><c>GET /ws</c>: the WebSocket gateway of API.md.</summary>
public static class RealtimeEndpoints
{
    public const string Path = "/ws";

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Anonymous is allowed (public channels); a token that is present but bad is still refused with 401 below.
        app.MapGet(Path, AcceptAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, IChannelFeed feed, ChannelAccess access, RealtimeMetrics metrics,
        ConnectionRegistry registry, IOptions<RealtimeOptions> options, ILoggerFactory loggers)
    {
        var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (auth.Failure is not null)
        {
            await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            return Results.Empty;
        }

        if (!context.WebSockets.IsWebSocketRequest)
            return Problems.Create(StatusCodes.Status400BadRequest, "bad_request", "WebSocket upgrade required",
                "GET /ws must be a WebSocket upgrade request.");

        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = settings.EnableCompression,
            // No shared deflate window between messages: far less memory per socket, and one message's content
            // can never influence how another compresses.
            DisableServerContextTakeover = true,
        });
        var caller = auth.Succeeded ? auth.Principal : null;
        var audit = context.RequestServices.GetService<ISubscriptionAudit>();
        var callerName = caller?.FindFirst("sub")?.Value ?? "anonymous";
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        // Null when the request came in some other way (HTTP/2 extended CONNECT): frames are then written one by one.
        var batching = (context.Features.Get<IHttpUpgradeFeature>() as FrameBatchingUpgradeFeature)?.Stream;
        var connection = new RealtimeConnection(socket, batching, caller, feed, access, settings, metrics,
            loggers.CreateLogger(typeof(RealtimeConnection).FullName!), context.RequestAborted,
            audit is null ? null : channels => audit.Forbidden(callerName, clientIp, channels));
        registry.Add(connection);
        try
        {
            await connection.RunAsync();
        }
        finally
        {
            registry.Remove(connection);
        }

        return Results.Empty;
    }
}
