using GridTokenX.Grains.Abstractions.Minting;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Minting;

/// <summary>A meter: its owner and latest reading. Decisions are <see cref="ReadingAdmission"/>'s.</summary>
[GrainType("meter")]
public sealed class MeterGrain([PersistentState("meter")] IPersistentState<MeterState> state, IOptions<MintingOptions> options,
    TimeProvider time) : Grain, IMeterGrain
{
    public async Task<RegisterMeterResult> Register(string userId)
    {
        if (state.State.Meter is { } meter)
        {
            if (meter.UserId != userId) return new RegisterMeterResult(RegisterMeterOutcome.OwnedByOther, meter);
            // Again, in case the first registration stopped between its two writes.
            await GrainFactory.GetGrain<IUserMetersGrain>(userId).Add(meter.MeterId);
            return new RegisterMeterResult(RegisterMeterOutcome.Existing, meter);
        }

        meter = new Meter(this.GetPrimaryKeyString(), userId, time.GetUtcNow());
        state.State.Meter = meter;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserMetersGrain>(userId).Add(meter.MeterId);
        return new RegisterMeterResult(RegisterMeterOutcome.Created, meter);
    }

    public async Task<RecordReadingResult> RecordReading(ReadingSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var meter = state.State.Meter;
        if (meter is null || meter.MeterId != submission.MeterId) return RecordReadingResult.Of(RecordReadingOutcome.MeterNotFound);
        var readingGrain = GrainFactory.GetGrain<IReadingGrain>(submission.ReadingId);
        var existing = await readingGrain.Get();
        var judged = ReadingAdmission.Judge(submission, meter, state.State.LastReading, existing, options.Value.MaxKwhPerReading, time.GetUtcNow());
        if (judged is { Outcome: not RecordReadingOutcome.Duplicate }) return judged;

        // A repeat goes through the claim too: it remembers the reading as latest if an earlier attempt stopped before that.
        var reading = judged?.Reading ?? new Reading(submission.ReadingId, meter.MeterId, meter.UserId, submission.Kwh,
            submission.ReadingTimestamp, time.GetUtcNow(), Minted: false);
        var claimed = judged ?? await readingGrain.Record(reading);
        if (claimed.Outcome is RecordReadingOutcome.Created or RecordReadingOutcome.Duplicate)
        {
            var latest = ReadingAdmission.Latest(state.State.LastReading, claimed.Reading!);
            if (!ReferenceEquals(latest, state.State.LastReading))
            {
                state.State.LastReading = latest with { Minted = false };
                await state.WriteStateAsync();
            }
        }

        return claimed;
    }

    public async Task<MeterView?> Get()
    {
        if (state.State.Meter is not { } meter) return null;
        // Whether it was minted lives with the reading.
        var last = state.State.LastReading is { } l ? await GrainFactory.GetGrain<IReadingGrain>(l.ReadingId).Get() ?? l : null;
        return new MeterView(meter, last);
    }
}
