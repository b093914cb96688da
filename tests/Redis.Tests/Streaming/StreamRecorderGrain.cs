using GridTokenX.Redis.Streaming;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace GridTokenX.Redis.Tests.Streaming;

public interface IStreamRecorderGrain : IGrainWithGuidKey;

/// <summary>Implicitly subscribed to every stream of <see cref="StreamsCluster.Namespace"/>; records each event and its id.</summary>
[ImplicitStreamSubscription(StreamsCluster.Namespace)]
public sealed class StreamRecorderGrain : Grain, IStreamRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamTestEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<StreamTestEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamTestEvent item, StreamSequenceToken? token = null)
    {
        // The provider's token carries the event id, stable across redeliveries.
        var eventId = RedisStreamSequenceToken.EventIdOf(token) ?? throw new InvalidOperationException($"No event id in {token}.");
        StreamRecordings.Record(this.GetPrimaryKey(), item, eventId);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
