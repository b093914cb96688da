using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// Shared by every socket: sorts each event to the feed that sent it (the baseline's ids start "bench-") and
/// counts closes and errors by kind. A 1013 <c>slow_consumer</c> close is a result, not noise: it is counted and shown.
/// </summary>
public sealed class FanoutRecorder
{
    private readonly ConcurrentDictionary<string, long> _closes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _errorReplies;
    private long _otherMessages;
    private long _deflate;
    private volatile bool _finished;

    public PhaseStats Baseline { get; } = new("baseline in-process");

    public PhaseStats Orleans { get; } = new("Orleans+Redis");

    public IReadOnlyDictionary<string, long> Closes => _closes;

    public IReadOnlyDictionary<string, long> Failures => _failures;

    public long ErrorReplies => Interlocked.Read(ref _errorReplies);

    public long OtherMessages => Interlocked.Read(ref _otherMessages);

    /// <summary>Sockets on which the server accepted permessage-deflate (only counted when the client offers it).</summary>
    public long DeflateSockets => Interlocked.Read(ref _deflate);

    public void DeflateNegotiated() => Interlocked.Increment(ref _deflate);

    /// <summary>What the sockets are doing now ("connect", a phase name); closes and errors are filed under it.</summary>
    public string Stage { get; set; } = "connect";

    /// <summary>1013 closes during one stage, or in all of them.</summary>
    public long SlowConsumerCloses(string? stage = null) => _closes
        .Where(c => c.Key.Contains(" 1013 ", StringComparison.Ordinal) && (stage is null || c.Key.StartsWith(stage + " ", StringComparison.Ordinal)))
        .Sum(c => c.Value);

    /// <summary>From here on closes and errors are the client's own shutdown, not results.</summary>
    public void Finish() => _finished = true;

    public void Received(ServerMessage message, long utcNowTicks, long timestamp)
    {
        switch (message.Kind)
        {
            case MessageKind.Event:
                var stats = message.FromBaseline ? Baseline : Orleans;
                stats.Record(timestamp, (utcNowTicks - message.TimestampUtcTicks) / TimeSpan.TicksPerMicrosecond, message.Type);
                break;
            case MessageKind.Error:
                Interlocked.Increment(ref _errorReplies);
                break;
            default:
                Interlocked.Increment(ref _otherMessages);
                break;
        }
    }

    public void Closed(WebSocketCloseStatus? status, string? reason)
    {
        if (_finished) return;
        var key = Stage + " " + (status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) + " " + reason : "no status");
        _closes.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    public void Failed(string kind)
    {
        if (_finished) return;
        _failures.AddOrUpdate(Stage + " " + kind, 1, static (_, n) => n + 1);
    }
}
