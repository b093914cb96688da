using System.Text.Json;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Accounts;

namespace GridTokenX.ApiHost.Accounts;

/// <summary>Turns a deposit body <c>{asset, amount, deposit_id}</c> into a command, or into every problem it has.</summary>
public static class DepositRequestReader
{
    public static (DepositCommand? Command, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var asset = String(body, "asset", errors);
        var amount = JsonDecimals.ReadPositive(body, "amount", errors);
        if (amount is null && !errors.ContainsKey("amount")) errors["amount"] = ["amount is required."];
        var depositId = String(body, "deposit_id", errors);
        if (asset is not null && !AccountAssets.IsKnown(asset)) errors["asset"] = ["asset must be one of: USD, KWH."];
        if (errors.Count > 0) return (null, errors);

        var command = new DepositCommand(asset!, amount!.Value, depositId!);
        if (DepositRules.Check(command) is { } error)
        {
            errors[error.Field] = [error.Message];
            return (null, errors);
        }

        return (command, errors);
    }

    private static string? String(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[name] = [$"{name} is required."];
            return null;
        }

        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors[name] = [$"{name} must be a string."];
        return null;
    }
}
