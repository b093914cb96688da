namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>The API host as in production: sockets are fed by the Orleans streams the markets publish to.</summary>
public sealed class LiveEventsFixture() : RealtimeFixture(new Dictionary<string, string?>(), inProcessSource: false);
