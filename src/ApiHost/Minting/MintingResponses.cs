using GridTokenX.ApiHost.Accounts;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Minting;

namespace GridTokenX.ApiHost.Minting;

// KWH has the 0.001 grid of readings; balances keep the scale the operations gave them (API.md "Accounts").
public sealed record ReadingResponse(string ReadingId, string MeterId, string UserId, string Kwh, string ReadingTimestamp, string RecordedAt,
    bool Minted)
{
    public static ReadingResponse From(Reading r) => new(r.ReadingId, r.MeterId, r.UserId, Wire.Decimal(r.Kwh, 3), Wire.Time(r.ReadingTimestamp),
        Wire.Time(r.RecordedAt), r.Minted);
}

public sealed record MeterResponse(string MeterId, string UserId, string RegisteredAt, ReadingResponse? LastReading)
{
    public static MeterResponse From(Meter m, Reading? last) =>
        new(m.MeterId, m.UserId, Wire.Time(m.RegisteredAt), last is null ? null : ReadingResponse.From(last));
}

public sealed record MintResponse(string MintId, string ReadingId, string MeterId, string UserId, string Amount, long FencingToken, string MintedAt)
{
    public static MintResponse From(Mint m) =>
        new(m.MintId, m.ReadingId, m.MeterId, m.UserId, Wire.Decimal(m.Amount, 3), m.FencingToken, Wire.Time(m.MintedAt));
}

/// <summary>201 of a registration: the meter's token is shown this once.</summary>
public sealed record MeterCreatedResponse(MeterResponse Meter, string Token);

public sealed record MeterEnvelope(MeterResponse Meter);

public sealed record ReadingEnvelope(ReadingResponse Reading);

/// <summary>201 of a mint: the mint and the owner's balances as API.md "Accounts" shows them.</summary>
public sealed record MintCreatedResponse(MintResponse Mint, IReadOnlyDictionary<string, BalanceResponse> Balances);
