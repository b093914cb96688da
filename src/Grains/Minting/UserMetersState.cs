namespace GridTokenX.Grains.Minting;

[GenerateSerializer]
[Alias("gtx.minting.stored.UserMetersState")]
public sealed class UserMetersState
{
    [Id(0)]
    public List<string> MeterIds { get; set; } = [];
}
