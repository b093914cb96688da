using System.Globalization;
using Orleans.Streams;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// Position of one event: <see cref="StreamSequenceToken.SequenceNumber"/> comes from the Redis entry id (so it
/// orders events of a queue exactly as Redis does) and <see cref="BatchId"/> from the producer. Subscribers read the
/// event's unique id from the token passed to <c>OnNextAsync</c>: <c>((RedisStreamSequenceToken)token).EventId</c>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.streams.RedisStreamSequenceToken")]
public sealed class RedisStreamSequenceToken : StreamSequenceToken
{
    public RedisStreamSequenceToken(long sequenceNumber, int eventIndex, Guid batchId)
    {
        SequenceNumber = sequenceNumber;
        EventIndex = eventIndex;
        BatchId = batchId;
    }

    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    [Id(1)]
    public override int EventIndex { get; protected set; }

    [Id(2)]
    public Guid BatchId { get; private set; }

    /// <summary>Unique per event and stable across redeliveries: the producer's batch id and the event's index in it.</summary>
    public string EventId => BatchId.ToString("N") + "/" + EventIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>The event id carried by a token this provider made, or null for any other token.</summary>
    public static string? EventIdOf(StreamSequenceToken? token) => (token as RedisStreamSequenceToken)?.EventId;

    public RedisStreamSequenceToken ForEvent(int eventIndex) => new(SequenceNumber, eventIndex, BatchId);

    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex;

    public override bool Equals(object? obj) => obj is StreamSequenceToken other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    // Compares by position only, so tokens of other providers' types (a subscription's stored handshake) still order.
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null) return 1;
        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[RedisStreamSequenceToken {SequenceNumber}:{EventIndex} {EventId}]");
}
