namespace GridTokenX.ReadModel.Writing;

/// <summary>Additions to one profile. Counters only grow for items new to the read model; first-seen is a minimum, so any item may lower it.</summary>
internal sealed class UserDelta
{
    public long Orders { get; set; }

    public long Trades { get; set; }

    public decimal VolumeBought { get; set; }

    public decimal VolumeSold { get; set; }

    public decimal KwhMinted { get; set; }

    public long Meters { get; set; }

    public long? FirstSeen { get; private set; }

    public void Seen(DateTimeOffset at)
    {
        if (FirstSeen is not { } first || at.UtcTicks < first) FirstSeen = at.UtcTicks;
    }
}
