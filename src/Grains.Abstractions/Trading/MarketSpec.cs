using System.Globalization;
using System.Text.RegularExpressions;

namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>
/// A validated market: converts between wire decimals and the integer ticks and lots the matching engine uses,
/// refusing (never rounding) a value that is off the grid.
/// </summary>
public sealed partial class MarketSpec
{
    /// <summary>Upper bound on price levels, so a market can always be held in a dense array of levels.</summary>
    public const long MaxPriceLevels = 10_000_000;

    private MarketSpec(MarketDefinition d, decimal tick, decimal lot)
    {
        Symbol = d.Symbol;
        TickSize = tick;
        LotSize = lot;
        PriceDecimals = tick.Scale;
        QuantityDecimals = lot.Scale;
        MinPriceTicks = (long)(d.MinPrice / tick);
        MaxPriceTicks = (long)(d.MaxPrice / tick);
        MinQuantityLots = (long)(d.MinQuantity / lot);
        MaxQuantityLots = (long)(d.MaxQuantity / lot);
    }

    public string Symbol { get; }
    public decimal TickSize { get; }
    public decimal LotSize { get; }
    public int PriceDecimals { get; }
    public int QuantityDecimals { get; }
    public long MinPriceTicks { get; }
    public long MaxPriceTicks { get; }
    public long MinQuantityLots { get; }
    public long MaxQuantityLots { get; }

    public decimal MinPrice => ToPrice(MinPriceTicks);
    public decimal MaxPrice => ToPrice(MaxPriceTicks);
    public decimal MinQuantity => ToQuantity(MinQuantityLots);
    public decimal MaxQuantity => ToQuantity(MaxQuantityLots);

    // Dots are reserved: order and trade ids are "{symbol}.{number}".
    [GeneratedRegex("^[A-Z0-9]{1,16}(-[A-Z0-9]{1,16}){0,3}$")]
    private static partial Regex SymbolPattern();

    public static bool IsValidSymbol(string? symbol) => symbol is not null && SymbolPattern().IsMatch(symbol);

    /// <summary>Builds a spec, or lists what is wrong with the definition, each message naming its setting key.</summary>
    public static MarketSpec? Create(MarketDefinition d, string keyPrefix, List<string> errors)
    {
        var before = errors.Count;
        if (!IsValidSymbol(d.Symbol))
            errors.Add($"{keyPrefix}:Symbol '{d.Symbol}' must be upper-case letters and digits in up to four dash-separated parts (e.g. ENERGY-USD).");
        if (d.TickSize <= 0) errors.Add($"{keyPrefix}:TickSize must be greater than 0.");
        if (d.LotSize <= 0) errors.Add($"{keyPrefix}:LotSize must be greater than 0.");
        if (errors.Count > before) return null;

        var tick = Normalize(d.TickSize);
        var lot = Normalize(d.LotSize);
        if (d.MinPrice <= 0) errors.Add($"{keyPrefix}:MinPrice must be greater than 0.");
        if (d.MaxPrice < d.MinPrice) errors.Add($"{keyPrefix}:MaxPrice must not be below MinPrice.");
        if (d.MinPrice % tick != 0) errors.Add($"{keyPrefix}:MinPrice must be a multiple of TickSize {tick}.");
        if (d.MaxPrice % tick != 0) errors.Add($"{keyPrefix}:MaxPrice must be a multiple of TickSize {tick}.");
        if (d.MinQuantity <= 0) errors.Add($"{keyPrefix}:MinQuantity must be greater than 0.");
        if (d.MaxQuantity < d.MinQuantity) errors.Add($"{keyPrefix}:MaxQuantity must not be below MinQuantity.");
        if (d.MinQuantity % lot != 0) errors.Add($"{keyPrefix}:MinQuantity must be a multiple of LotSize {lot}.");
        if (d.MaxQuantity % lot != 0) errors.Add($"{keyPrefix}:MaxQuantity must be a multiple of LotSize {lot}.");
        if (errors.Count > before) return null;

        var levels = d.MaxPrice / tick;
        if (levels > MaxPriceLevels)
            errors.Add($"{keyPrefix}: MaxPrice / TickSize is {levels}; at most {MaxPriceLevels} price levels are supported.");
        // Notional (price ticks x quantity lots) must fit a 64-bit integer with room to sum an order's fills.
        if (levels * (d.MaxQuantity / lot) > long.MaxValue / 4m)
            errors.Add($"{keyPrefix}: MaxPrice x MaxQuantity is too large for exact integer arithmetic; lower it or coarsen the tick or lot size.");
        return errors.Count > before ? null : new MarketSpec(d, tick, lot);
    }

    public bool TryToTicks(decimal price, out long ticks)
    {
        ticks = 0;
        if (price % TickSize != 0) return false;
        var t = price / TickSize;
        if (t < long.MinValue || t > long.MaxValue) return false;
        ticks = (long)t;
        return true;
    }

    public bool TryToLots(decimal quantity, out long lots)
    {
        lots = 0;
        if (quantity % LotSize != 0) return false;
        var l = quantity / LotSize;
        if (l < long.MinValue || l > long.MaxValue) return false;
        lots = (long)l;
        return true;
    }

    /// <summary>The price with exactly <see cref="PriceDecimals"/> decimals (e.g. 0.1250).</summary>
    public decimal ToPrice(long ticks) => ticks * TickSize;

    public decimal ToQuantity(long lots) => lots * LotSize;

    /// <summary>Average fill price, to four decimals beyond the tick (banker's rounding), or null when nothing filled.</summary>
    public decimal? AveragePrice(long notionalTickLots, long filledLots)
    {
        if (filledLots == 0) return null;
        var decimals = PriceDecimals + 4;
        var avg = decimal.Round((decimal)notionalTickLots / filledLots * TickSize, decimals, MidpointRounding.ToEven);
        return decimal.Parse(avg.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Checks a command against the grid and limits; returns the first problem, or null.</summary>
    public FieldError? Validate(OrderType type, decimal? price, decimal quantity, out long priceTicks, out long quantityLots)
    {
        priceTicks = 0;
        quantityLots = 0;
        if (type == OrderType.Limit)
        {
            if (price is not { } p) return new("price", "A limit order needs a price.");
            if (!TryToTicks(p, out priceTicks))
                return new("price", $"Price {p} has more decimals than the tick size {TickSize} allows.");
            if (priceTicks < MinPriceTicks || priceTicks > MaxPriceTicks)
                return new("price", $"Price must be between {MinPrice} and {MaxPrice}.");
        }
        else if (price is not null)
        {
            return new("price", "A market order must not have a price.");
        }

        if (!TryToLots(quantity, out quantityLots))
            return new("quantity", $"Quantity {quantity} has more decimals than the lot size {LotSize} allows.");
        if (quantityLots < MinQuantityLots || quantityLots > MaxQuantityLots)
            return new("quantity", $"Quantity must be between {MinQuantity} and {MaxQuantity}.");
        return null;
    }

    // 0.00010 and 0.0001 are the same tick; the normalised form gives the scale used for formatting.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
