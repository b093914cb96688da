using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Hosting.Tests.Alerts;

/// <summary>What every detector test needs: a clock the test moves and a sink that records what was raised.</summary>
public abstract class DetectorTest
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected RecordingSink Sink { get; } = new();
}
