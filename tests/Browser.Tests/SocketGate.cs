using Microsoft.Playwright;

namespace GridTokenX.Browser.Tests;

/// <summary>
/// Playwright's WebSocket routing between the page and <c>/ws</c>: passes connections through to the server while
/// open; <see cref="DropAsync"/> closes the current one and refuses new ones (closing them at once) until <see cref="Open"/>.
/// </summary>
public sealed class SocketGate
{
    private readonly Lock _lock = new();
    private IWebSocketRoute? _current;
    private bool _open = true;

    public int Connections { get; private set; }

    public void Route(IWebSocketRoute route)
    {
        lock (_lock)
        {
            Connections++;
            if (!_open)
            {
                _ = route.CloseAsync(new WebSocketRouteCloseOptions { Code = 1012, Reason = "test_gate_closed" });
                return;
            }

            route.ConnectToServer();
            _current = route;
        }
    }

    public async Task DropAsync()
    {
        IWebSocketRoute? current;
        lock (_lock)
        {
            _open = false;
            current = _current;
            _current = null;
        }

        if (current is not null) await current.CloseAsync(new WebSocketRouteCloseOptions { Code = 1012, Reason = "test_dropped" });
    }

    public void Open()
    {
        lock (_lock) _open = true;
    }
}
