using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.Grains.Minting;

[GrainType("usermeters")]
public sealed class UserMetersGrain([PersistentState("meters")] IPersistentState<UserMetersState> state) : Grain, IUserMetersGrain
{
    public async Task Add(string meterId)
    {
        if (state.State.MeterIds.Contains(meterId, StringComparer.Ordinal)) return;
        state.State.MeterIds.Add(meterId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.MeterIds]);
}
