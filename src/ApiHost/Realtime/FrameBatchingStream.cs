using System.Buffers;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// The upgraded connection under a server WebSocket, able to hold the frames the WebSocket writes between
/// <see cref="BeginBatch"/> and <see cref="EndBatchAsync"/> and hand them to the transport in one write.
/// </summary>
/// <remarks>
/// <para>
/// Every <c>WebSocket.SendAsync</c> is one write and one flush through Kestrel: at ten thousand sockets a burst of
/// three or four events was that many flushes, send-loop wake-ups and <c>send</c> system calls per socket, and the
/// system calls were most of the host's CPU. A socket's write loop now drains everything queued for it inside one batch:
/// the WebSocket still does all the framing (and permessage-deflate), but its frames reach the transport together.
/// </para>
/// <para>
/// The WebSocket never writes concurrently with itself (it holds its own send lock around each frame), but its
/// control frames (pongs, keep-alive pings, the close frame) may come from outside the write loop: during a batch
/// they join it, otherwise they go straight through. Transport writes are serialized by <see cref="_io"/>; a
/// control frame may pass a batch that is being flushed, which the protocol allows (control frames may come between
/// messages, and a batch holds whole messages only).
/// </para>
/// </remarks>
public sealed class FrameBatchingStream(Stream inner) : Stream
{
    /// <summary>A batch larger than this is written out before it takes more, so one socket's burst cannot pin a large buffer.</summary>
    public const int FlushThreshold = 64 * 1024;

    private const int InitialBatchBuffer = 4096;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _io = new(1, 1);
    private byte[]? _batch;
    private int _length;
    private bool _batching;

    /// <summary>Bytes held in the current batch.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _length;
        }
    }

    /// <summary>From now on writes are held until <see cref="EndBatchAsync"/>.</summary>
    public void BeginBatch()
    {
        lock (_gate) _batching = true;
    }

    /// <summary>Writes what the batch holds in one transport write (one flush) and ends the batch.</summary>
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        byte[]? batch;
        int length;
        lock (_gate)
        {
            _batching = false;
            (batch, length) = (_batch, _length);
            (_batch, _length) = (null, 0);
        }

        if (batch is null) return;
        try
        {
            if (length > 0) await WriteThroughAsync(batch.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_batching)
            {
                Append(buffer.Span);
                return ValueTask.CompletedTask;
            }
        }

        return WriteThroughAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    // A held batch is written by EndBatchAsync, not by a flush: the WebSocket does not flush, and Kestrel's stream
    // flushes on every write anyway.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DropBatch();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        DropBatch();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A socket torn down mid-batch: its frames will never be written, only the buffer goes back to the pool.</summary>
    private void DropBatch()
    {
        lock (_gate)
        {
            if (_batch is not null) ArrayPool<byte>.Shared.Return(_batch);
            (_batch, _length, _batching) = (null, 0, false);
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_batch is null || _batch.Length - _length < data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(InitialBatchBuffer, Math.Max(_length + data.Length, (_batch?.Length ?? 0) * 2)));
            if (_batch is not null)
            {
                _batch.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_batch);
            }

            _batch = larger;
        }

        data.CopyTo(_batch.AsSpan(_length));
        _length += data.Length;
    }

    private async ValueTask WriteThroughAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }
}
