namespace GridTokenX.Hosting.Settings;

/// <summary>Start-up settings that cannot work; each message names its configuration key.</summary>
public sealed class InvalidSettingsException(IReadOnlyList<string> errors)
    : Exception("Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
