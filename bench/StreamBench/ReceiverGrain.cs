using Orleans.Streams;
using Orleans.Streams.Core;

namespace GridTokenX.Bench.StreamBench;

public interface IReceiverGrain : IGrainWithGuidKey;

/// <summary>The provider's subscriber: implicitly subscribed to every stream of the namespace; reports each receipt.</summary>
[ImplicitStreamSubscription(ProviderTransport.Namespace)]
public sealed class ReceiverGrain : Grain, IReceiverGrain, IStreamSubscriptionObserver
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<BenchEvent>().ResumeAsync((item, _) =>
        {
            DeliveryLog.Current?.Record(item.Sequence, item.SentTimestamp);
            return Task.CompletedTask;
        });
}
