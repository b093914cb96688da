using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>The <c>data</c> of <c>tokens_minted</c> on <c>user:{owner}</c>.</summary>
/// <param name="Balance">The owner's available KWH just after the mint (from the mint's own ledger entry).</param>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.TokensMintedPayload")]
public sealed record TokensMintedPayload([property: Id(0)] string ReadingId, [property: Id(1)] decimal Amount, [property: Id(2)] decimal Balance)
    : EventPayload;
