using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Abstractions.Accounts;

/// <param name="Deposit">The applied deposit: this one (Created) or the original (Duplicate, Conflict).</param>
/// <param name="Account">The account after the deposit (Created, Duplicate).</param>
/// <param name="Error">Why an invalid deposit was refused, keyed by the request field.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.DepositResult")]
public sealed record DepositResult(
    [property: Id(0)] DepositOutcome Outcome,
    [property: Id(1)] DepositRecord? Deposit,
    [property: Id(2)] AccountView? Account,
    [property: Id(3)] FieldError? Error = null);
