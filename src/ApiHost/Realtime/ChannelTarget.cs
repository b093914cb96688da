namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One channel's observer as a source holds it. Events of the channel may come from several streams at once (a
/// user's orders from every market); the turn keeps them reaching the observer one at a time, as
/// <see cref="IChannelSource"/> promises.
/// </summary>
internal sealed class ChannelTarget(string channel, IChannelObserver observer)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public string Channel { get; } = channel;

    public async ValueTask DeliverAsync(WireEvent wireEvent)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await observer.OnEventAsync(Channel, wireEvent, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }
}
