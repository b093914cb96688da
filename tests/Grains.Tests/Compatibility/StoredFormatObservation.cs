using System.Text.Json;
using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Tests.Compatibility;

/// <summary>Everything the stored-format fixture's grains answer, as one JSON text, so two versions compare exactly.</summary>
public static class StoredFormatObservation
{
    public static readonly string[] Users = ["alice", "bob", "carol"];

    public static async Task<string> ObserveAsync(IGrainFactory grains)
    {
        var energy = grains.GetGrain<IOrderBookGrain>("ENERGY-USD");
        var observed = new
        {
            // The book's timestamp is the time of the read, not stored state.
            Book = await energy.GetBook(1000) with { Timestamp = default },
            Trades = await energy.GetTrades(1000),
            Orders = await Task.WhenAll(Users.Select(u => energy.GetUserOrders(u, openOnly: false, 1000))),
            UserTrades = await Task.WhenAll(Users.Select(u => energy.GetUserTrades(u, 1000))),
            Alerts = await grains.GetGrain<IAlertCenterGrain>(AlertCenter.Key).Recent(100),
        };
        return JsonSerializer.Serialize(observed, new JsonSerializerOptions { WriteIndented = true });
    }
}
