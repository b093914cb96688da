using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.ReadModel;

/// <summary>One per market: copies the market's durable trades and orders into the SQL read model, in journal order.</summary>
[Alias("gtx.readmodel.IReadModelProjectorGrain")]
public interface IReadModelProjectorGrain : IGrainWithStringKey
{
    /// <summary>New changes may be durable (or: make sure the projector runs). Cheap and safe to call at any time.</summary>
    [OneWay]
    [Alias("Wake")]
    Task Wake();
}
