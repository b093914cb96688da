using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Tests.Realtime;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// The host's real source (Orleans streams) plus the in-process <see cref="LocalChannelSource"/>, both feeding the
/// same hub subscription, so the baseline reaches exactly the sockets the Orleans path does. The benchmark runs the two feeds one after the other, never at once, which keeps
/// the hub's one-event-at-a-time contract. Events of the real source are remembered as templates for the baseline.
/// </summary>
public sealed class MirroredChannelSource(IChannelSource inner, LocalChannelSource local, EventTemplates templates, ArrivalAges ages) : IChannelSource
{
    public async ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken)
    {
        var real = await inner.SubscribeAsync(channel, new Recorder(observer, templates, ages), cancellationToken);
        try
        {
            return new Both(real, await local.SubscribeAsync(channel, observer, cancellationToken));
        }
        catch
        {
            await real.DisposeAsync();
            throw;
        }
    }

    private sealed class Recorder(IChannelObserver observer, EventTemplates templates, ArrivalAges ages) : IChannelObserver
    {
        public ValueTask OnEventAsync(string channel, WireEvent wireEvent, CancellationToken cancellationToken)
        {
            ages.Record(wireEvent.Timestamp);
            templates.Remember(channel, wireEvent);
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var handing = observer.OnEventAsync(channel, wireEvent, cancellationToken);
            ages.RecordHandOver(System.Diagnostics.Stopwatch.GetElapsedTime(start));
            return handing;
        }
    }

    private sealed class Both(IAsyncDisposable first, IAsyncDisposable second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
