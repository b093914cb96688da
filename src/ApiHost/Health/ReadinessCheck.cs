namespace GridTokenX.ApiHost.Health;

/// <summary>One dependency that must answer for this host to be ready.</summary>
public interface IReadinessCheck
{
    string Name { get; }

    /// <summary>Null when healthy, else a short reason safe to show to anyone (no addresses, no secrets).</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
