using System.Net.WebSockets;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class RealtimeShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_closes_every_socket_with_1001()
    {
        var api = new RealtimeFixture();
        await api.InitializeAsync();
        try
        {
            await using var anonymous = await api.ConnectAsync();
            await using var alice = await api.ConnectAsync("alice");
            await anonymous.SubscribeAsync("market:ENERGY-USD");
            await alice.SubscribeAsync("orders:alice");

            var stopping = api.StopAsync();

            foreach (var client in new[] { anonymous, alice })
            {
                var (status, reason) = await client.ReceiveCloseAsync();
                Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
                Assert.Equal("server_shutting_down", reason);
                await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }

            await stopping.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }
}
