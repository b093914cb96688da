namespace GridTokenX.Redis.Money;

/// <summary>One asset of one account. Exact: never rounded, scale as the operations that made it.</summary>
public sealed record AssetBalance(decimal Available, decimal Reserved)
{
    public static AssetBalance Zero { get; } = new(0m, 0m);

    public decimal Total => Available + Reserved;
}
