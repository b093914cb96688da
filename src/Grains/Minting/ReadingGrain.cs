using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.ReadModel;
using GridTokenX.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace GridTokenX.Grains.Minting;

/// <summary>
/// One reading: claims its id system-wide and mints it once. The mint itself is <see cref="Minter"/>'s; this grain
/// remembers the outcome (so repeats need no lock) and announces it on the owner's channel.
/// </summary>
[GrainType("reading")]
public sealed partial class ReadingGrain([PersistentState("reading")] IPersistentState<ReadingState> state, Minter minter,
    IReadModelWriter readModel, ILogger<ReadingGrain> logger) : Grain, IReadingGrain
{
    public Task<Reading?> Get() => Task.FromResult(Current());

    public async Task<RecordReadingResult> Record(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (state.State.Reading is { } existing)
        {
            return existing.MeterId == reading.MeterId && existing.Kwh == reading.Kwh && existing.ReadingTimestamp == reading.ReadingTimestamp
                ? RecordReadingResult.Of(RecordReadingOutcome.Duplicate, Current())
                : RecordReadingResult.Of(RecordReadingOutcome.Conflict);
        }

        state.State.Reading = reading with { Minted = false };
        await state.WriteStateAsync();
        await ProjectAsync(RecordedPosition);
        return RecordReadingResult.Of(RecordReadingOutcome.Created, Current());
    }

    public async Task<MintResult> Mint(string userId)
    {
        if (state.State.Reading is not { } reading || reading.UserId != userId) return MintResult.Of(MintOutcome.NotFound);
        if (state.State.Mint is { } known)
        {
            var announced = !state.State.Published && await AnnounceAsync(known);
            var projected = !state.State.Projected && await ProjectAsync(MintedPosition);
            if (announced || projected)
            {
                state.State.Published |= announced;
                state.State.Projected |= projected;
                await state.WriteStateAsync();
            }

            return MintResult.Of(MintOutcome.AlreadyMinted, known);
        }

        var attempt = await minter.MintAsync(reading, CancellationToken.None);
        var result = attempt.Result;
        if (result.Outcome is MintOutcome.Minted or MintOutcome.AlreadyMinted)
        {
            // Announced before the one state write that records both: a crash between the two only announces again
            // (the same event id) when the next request learns of the mint from the store.
            state.State.Mint = result.Mint;
            state.State.AvailableKwhAfter = attempt.AvailableKwhAfter;
            state.State.Published = await AnnounceAsync(result.Mint!);
            state.State.Projected = await ProjectAsync(MintedPosition);
            await state.WriteStateAsync();
        }

        return result;
    }

    // Each reading is its own read-model source: recorded at position 1, minted at 2. No ordering across readings is
    // needed (the read model stores each reading and mint once by id), and a grain's own two steps cannot reorder.
    private const long RecordedPosition = 1;
    private const long MintedPosition = 2;

    private Reading? Current() => state.State.Reading is { } r ? r with { Minted = state.State.Mint is not null } : null;

    // At least once: a publish that fails here is retried by the next mint request for this reading (which answers
    // 409 with the mint). The event id is fixed per reading, so a client drops a repeat.
    private async Task<bool> AnnounceAsync(Mint mint)
    {
        var streams = ServiceProvider.GetKeyedService<IStreamProvider>(ChannelStreams.ProviderName);
        if (streams is null) return true;
        var channel = ChannelNames.User(mint.UserId);
        var (ns, key) = ChannelStreams.For(channel);
        try
        {
            // A late announcement (the mint's own reply never reached this grain) tells the balance as it is now.
            var balance = state.State.AvailableKwhAfter ?? await minter.AvailableKwhAsync(mint.UserId, CancellationToken.None);
            await streams.GetStream<ChannelEvent>(StreamId.Create(ns, key)).OnNextAsync(new ChannelEvent(
                EventTypes.TokensMinted + ":" + mint.ReadingId, channel, EventTypes.TokensMinted, mint.MintedAt.ToUnixTimeMilliseconds(),
                mint.MintedAt, new TokensMintedPayload(mint.ReadingId, mint.Amount, balance)));
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPublishFailed(ex, mint.ReadingId);
            return false;
        }
    }

    // Best effort: the money is the truth and is already written. A mint that did not reach the read model is retried by
    // the next mint request for the reading (which answers 409 with the mint), like the announcement.
    private async Task<bool> ProjectAsync(long position)
    {
        var reading = Current()!;
        var batch = new ReadModelBatch(ReadModelSources.Reading(reading.ReadingId), position)
        {
            Readings = [reading],
            Mints = state.State.Mint is { } mint ? [mint] : [],
        };
        try
        {
            await readModel.WriteAsync(batch, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogProjectFailed(ex, reading.ReadingId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {ReadingId} was not written to the read model; the next mint request retries it")]
    private partial void LogProjectFailed(Exception exception, string readingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tokens_minted for reading {ReadingId} was not published; the next mint request retries it")]
    private partial void LogPublishFailed(Exception exception, string readingId);
}
