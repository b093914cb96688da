namespace GridTokenX.ReadModel.Model;

/// <summary>
/// A page request: up to <paramref name="Limit"/> items older than the item whose id is <paramref name="Before"/>
/// (null: from the newest). An id the list does not hold gives an empty page.
/// </summary>
public sealed record Page(string? Before, int Limit)
{
    public const int MaxLimit = 1000;

    public static Page First(int limit) => new(null, limit);

    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A page holds 1 to {MaxLimit} items.");
    }
}
