using GridTokenX.ApiHost.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>The API host with its sockets fed by an in-process source, so tests can publish any event they like.</summary>
public class RealtimeFixture : ApiFixture
{
    private readonly bool _inProcessSource;

    public RealtimeFixture()
        : this(new Dictionary<string, string?>(), inProcessSource: true)
    {
    }

    /// <param name="inProcessSource">False: the host's own source (Orleans streams) feeds the sockets, as in production.</param>
    protected RealtimeFixture(IReadOnlyDictionary<string, string?> extraSettings, bool inProcessSource)
        : base(new Dictionary<string, string?>(extraSettings)
        {
            // Generous, so a loaded test machine never turns a deliberate close into an abort.
            ["GridTokenX:Realtime:CloseTimeout"] = "00:00:20",
        }) => _inProcessSource = inProcessSource;

    /// <summary>The in-process source (only with <c>inProcessSource</c>).</summary>
    public LocalChannelSource Source => Services.GetRequiredService<LocalChannelSource>();

    public RealtimeMetrics Metrics => Services.GetRequiredService<RealtimeMetrics>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        if (!_inProcessSource) return;
        services.AddSingleton<LocalChannelSource>();
        services.AddSingleton<IChannelSource>(sp => sp.GetRequiredService<LocalChannelSource>());
    }

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
