namespace GridTokenX.ApiHost.Realtime;

/// <summary>A well-formed client frame: <c>op</c> one of subscribe, unsubscribe, ping.</summary>
public sealed record ClientRequest(string Op, string? ReqId, IReadOnlyList<string> Channels)
{
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string Ping = "ping";
}
