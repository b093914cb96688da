namespace GridTokenX.Redis.Money;

/// <summary>
/// One atomic, idempotent money operation: either all of it is applied or none.
/// </summary>
/// <param name="OperationId">Unique system-wide ("deposit:{id}", "reserve:{order}", "release:{order}", "trade:{trade}", "mint:{reading}"); a second write with it is not applied.</param>
/// <param name="Fingerprint">What the operation asked for; a repeat with a different fingerprint is a conflict.</param>
/// <param name="Legs">Applied in order; each leaves every balance it touches non-negative or the whole write is refused.</param>
/// <param name="Fences">Every lock the write is made under; one stale token refuses the whole write.</param>
/// <param name="Reservations">Reservation records changed by the write.</param>
/// <param name="Sources">Money entering the system (deposits and mints) per asset: the conservation invariant's right-hand side.</param>
/// <param name="Result">Stored with the operation id and handed back to every repeat (for example the deposit or mint as JSON).</param>
/// <param name="At">When the operation happened (ledger entries' <c>at</c>).</param>
public sealed record MoneyWrite(
    string OperationId,
    string Fingerprint,
    IReadOnlyList<MoneyLeg> Legs,
    IReadOnlyList<FenceCheck> Fences,
    IReadOnlyList<ReservationChange> Reservations,
    IReadOnlyDictionary<string, decimal> Sources,
    string Result,
    DateTimeOffset At);
