using GridTokenX.ApiHost.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>The API host with its in-process event source exposed for publishing and inspection.</summary>
public class RealtimeFixture : ApiFixture
{
    /// <summary>Sockets fed by the in-process source, so tests can publish any event they like.</summary>
    public RealtimeFixture()
        : this(new Dictionary<string, string?> { ["GridTokenX:Trading:PublishEvents"] = "false" })
    {
    }

    protected RealtimeFixture(IReadOnlyDictionary<string, string?> extraSettings)
        : base(new Dictionary<string, string?>(extraSettings)
        {
            // Generous, so a loaded test machine never turns a deliberate close into an abort.
            ["GridTokenX:Realtime:CloseTimeout"] = "00:00:20",
        })
    {
    }

    public LocalChannelSource Source => Services.GetRequiredService<LocalChannelSource>();

    public RealtimeMetrics Metrics => Services.GetRequiredService<RealtimeMetrics>();

    public Uri WebSocketUri(string? accessToken = null)
    {
        var uri = new UriBuilder(BaseAddress) { Scheme = "ws", Path = RealtimeEndpoints.Path };
        if (accessToken is not null) uri.Query = "access_token=" + Uri.EscapeDataString(accessToken);
        return uri.Uri;
    }

    public Task<WsClient> ConnectAsync(string? user = null, string role = "user", bool viaQuery = false, bool compress = false) =>
        WsClient.ConnectAsync(this, user is null ? null : Token(user, role), viaQuery, compress);

    public ValueTask PublishAsync(string channel, string type, string dataJson) =>
        Source.PublishAsync(channel, WireEvent.Create(type, System.Text.Json.JsonDocument.Parse(dataJson).RootElement.Clone(), DateTimeOffset.UtcNow));
}
