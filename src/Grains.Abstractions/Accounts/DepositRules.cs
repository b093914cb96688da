using System.Text.RegularExpressions;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>What a deposit must be (API.md "Accounts"; limits documented in docs/money.md). Checked by the API host for
/// its 400 and again by the grain, which trusts no caller.</summary>
public static partial class DepositRules
{
    public const int MaxDecimals = 12;
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MaxDepositIdLength = 64;

    public static FieldError? Check(DepositCommand command)
    {
        if (!AccountAssets.IsKnown(command.Asset)) return new FieldError("asset", "asset must be one of: USD, KWH.");
        if (command.Amount <= 0) return new FieldError("amount", "amount must be greater than 0.");
        if (command.Amount.Scale > MaxDecimals) return new FieldError("amount", $"amount must have at most {MaxDecimals} decimals.");
        if (command.Amount > MaxAmount) return new FieldError("amount", $"amount must be at most {MaxAmount}.");
        if (!IsDepositId(command.DepositId))
            return new FieldError("deposit_id", $"deposit_id is required: 1 to {MaxDepositIdLength} characters of A-Z a-z 0-9 _ - . :");
        return null;
    }

    public static bool IsDepositId(string? id) => id is not null && DepositIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex DepositIdPattern();
}
