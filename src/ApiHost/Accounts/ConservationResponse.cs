using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary><c>{assets: {USD: {accounts_total, sources, imbalance}, KWH: ...}, checked_at}</c>; imbalance must be "0".</summary>
public sealed record ConservationResponse(IReadOnlyDictionary<string, AssetConservationResponse> Assets, string CheckedAt)
{
    public static ConservationResponse From(ConservationReport report) =>
        new(report.Assets.ToDictionary(a => a.Asset, a => new AssetConservationResponse(Wire.Exact(a.AccountsTotal)!, Wire.Exact(a.Sources)!,
            Wire.Exact(a.Imbalance)!), StringComparer.Ordinal), Wire.Time(report.CheckedAt));
}

public sealed record AssetConservationResponse(string AccountsTotal, string Sources, string Imbalance);
