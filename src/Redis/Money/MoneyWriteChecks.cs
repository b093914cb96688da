namespace GridTokenX.Redis.Money;

/// <summary>What both stores refuse before touching anything: a malformed write is a caller's bug, not a refusal.</summary>
public static class MoneyWriteChecks
{
    public static void Validate(IReadOnlyList<MoneyWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ArgumentException.ThrowIfNullOrEmpty(write.OperationId);
            ArgumentNullException.ThrowIfNull(write.Fingerprint);
            ArgumentNullException.ThrowIfNull(write.Result);
            foreach (var leg in write.Legs)
            {
                ArgumentException.ThrowIfNullOrEmpty(leg.AccountId);
                Asset(leg.Asset);
                ArgumentException.ThrowIfNullOrEmpty(leg.Kind);
                // The Redis ledger stores an entry as '|'-separated fields, the reference last.
                if (leg.Kind.Contains('|', StringComparison.Ordinal)) throw new ArgumentException($"Ledger kind '{leg.Kind}' contains '|'.", nameof(writes));
                ArgumentNullException.ThrowIfNull(leg.Reference);
            }

            foreach (var fence in write.Fences)
            {
                ArgumentException.ThrowIfNullOrEmpty(fence.AccountId);
                ArgumentException.ThrowIfNullOrEmpty(fence.Resource);
            }

            foreach (var change in write.Reservations)
            {
                ArgumentException.ThrowIfNullOrEmpty(change.AccountId);
                ArgumentException.ThrowIfNullOrEmpty(change.OrderId);
                Asset(change.Asset);
            }

            foreach (var asset in write.Sources.Keys) Asset(asset);
        }
    }

    private static void Asset(string asset)
    {
        if (!Assets.IsKnown(asset)) throw new ArgumentException($"Unknown asset '{asset}'.", nameof(asset));
    }
}
