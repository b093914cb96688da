using Microsoft.Playwright;

namespace GridTokenX.Browser.Tests;

/// <summary>
/// Playwright's WebSocket routing between the page and <c>/ws</c>: passes connections through to the server while
/// open; <see cref="DropAsync"/> closes the current one and refuses new ones (closing them at once) until <see cref="Open"/>.
/// <see cref="SwallowBookUpdates"/> makes the next book updates from the server vanish on their way to the page.
/// </summary>
public sealed class SocketGate
{
    private readonly Lock _lock = new();
    private IWebSocketRoute? _current;
    private bool _open = true;
    private int _toSwallow;

    public int Connections { get; private set; }

    public int Swallowed { get; private set; }

    public void SwallowBookUpdates(int count)
    {
        lock (_lock) _toSwallow = count;
    }

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

            var server = route.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (frame.Text is { } text)
                {
                    if (Swallow(text)) return;
                    route.Send(text);
                }
                else if (frame.Binary is { } binary)
                {
                    route.Send(binary);
                }
            });
            _current = route;
        }
    }

    private bool Swallow(string frame)
    {
        lock (_lock)
        {
            if (_toSwallow == 0 || !frame.Contains("\"type\":\"order_book_update\"", StringComparison.Ordinal)) return false;
            _toSwallow--;
            Swallowed++;
            return true;
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
