using System.Net.WebSockets;
using System.Text;
using GridTokenX.ApiHost.Realtime;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>
/// The stream under a server WebSocket that lets a socket's write loop hand several frames to the transport at once.
/// The server side is .NET's own WebSocket (it does the framing); a client WebSocket reads what reached the transport.
/// </summary>
public sealed class FrameBatchingStreamTests
{
    [Fact]
    public async Task Messages_sent_in_a_batch_reach_the_transport_in_one_write_in_order_and_decode_as_separate_messages()
    {
        var transport = new RecordingStream();
        await using var batching = new FrameBatchingStream(transport);
        using var server = WebSocket.CreateFromStream(batching, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });

        batching.BeginBatch();
        foreach (var text in new[] { "first", "second", "third" })
            await server.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Empty(transport.Writes);
        Assert.True(batching.Pending > 0);

        await batching.EndBatchAsync(CancellationToken.None);

        var write = Assert.Single(transport.Writes);
        Assert.Equal(0, batching.Pending);
        Assert.Equal(["first", "second", "third"], await DecodeAsync(write, 3));
    }

    [Fact]
    public async Task Outside_a_batch_every_message_goes_straight_through()
    {
        var transport = new RecordingStream();
        await using var batching = new FrameBatchingStream(transport);
        using var server = WebSocket.CreateFromStream(batching, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });

        await server.SendAsync("one"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await server.SendAsync("two"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal(2, transport.Writes.Count);
        Assert.Equal(["one"], await DecodeAsync(transport.Writes[0], 1));
        Assert.Equal(["two"], await DecodeAsync(transport.Writes[1], 1));
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing_and_a_later_batch_starts_empty()
    {
        var transport = new RecordingStream();
        await using var batching = new FrameBatchingStream(transport);
        using var server = WebSocket.CreateFromStream(batching, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });

        batching.BeginBatch();
        await batching.EndBatchAsync(CancellationToken.None);
        Assert.Empty(transport.Writes);

        batching.BeginBatch();
        await server.SendAsync("after"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await batching.EndBatchAsync(CancellationToken.None);

        Assert.Equal(["after"], await DecodeAsync(Assert.Single(transport.Writes), 1));
    }

    [Fact]
    public async Task A_batch_larger_than_its_first_buffer_keeps_every_byte()
    {
        var transport = new RecordingStream();
        await using var batching = new FrameBatchingStream(transport);
        using var server = WebSocket.CreateFromStream(batching, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });
        var messages = Enumerable.Range(0, 40).Select(i => new string((char)('a' + i % 26), 1000 + i)).ToArray();

        batching.BeginBatch();
        foreach (var text in messages)
            await server.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await batching.EndBatchAsync(CancellationToken.None);

        Assert.Equal(messages, await DecodeAsync(Assert.Single(transport.Writes), messages.Length));
    }

    private static async Task<List<string>> DecodeAsync(byte[] bytes, int count)
    {
        using var client = WebSocket.CreateFromStream(new MemoryStream(bytes), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = Timeout.InfiniteTimeSpan });
        var messages = new List<string>();
        var buffer = new byte[128 * 1024];
        for (var i = 0; i < count; i++)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await client.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }

        return messages;
    }

    /// <summary>A transport that keeps each write it was given, as one array per write.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => Writes.Add(buffer.AsSpan(offset, count).ToArray());
    }
}
