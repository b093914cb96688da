using Microsoft.AspNetCore.Http.Features;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Put in front of ASP.NET Core's WebSocket middleware for <c>/ws</c>, so the server WebSocket it creates writes
/// through a <see cref="FrameBatchingStream"/> that the socket's write loop can batch (the middleware offers no other
/// way in between the WebSocket and the connection).
/// </summary>
public sealed class FrameBatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The upgraded connection, once the WebSocket was accepted.</summary>
    public FrameBatchingStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        var stream = new FrameBatchingStream(await inner.UpgradeAsync().ConfigureAwait(false));
        Stream = stream;
        return stream;
    }
}
