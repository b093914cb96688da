using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

public sealed record LedgerEntryResponse(long EntryId, string Asset, string Kind, string AvailableDelta, string ReservedDelta, string AvailableAfter,
    string ReservedAfter, string Reference, string At)
{
    public static LedgerEntryResponse From(LedgerLine e) => new(e.EntryId, e.Asset, e.Kind, Wire.Exact(e.AvailableDelta)!, Wire.Exact(e.ReservedDelta)!,
        Wire.Exact(e.AvailableAfter)!, Wire.Exact(e.ReservedAfter)!, e.Reference, Wire.Time(e.At));
}
