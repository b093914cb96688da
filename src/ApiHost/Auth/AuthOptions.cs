namespace GridTokenX.ApiHost.Auth;

/// <summary>Bound from <c>Auth</c> (environment: <c>Auth__SigningKey</c> …).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinKeyBytes = 32;

    /// <summary>
    /// HS256 key shared by every API host; required in Redis mode. Standalone mode uses
    /// <see cref="StandaloneKeyFile"/> when unset.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Where standalone mode keeps its key; unset = <see cref="Auth.StandaloneKeyFile.DefaultPath"/>.</summary>
    public string? StandaloneKeyFile { get; set; }

    public string Issuer { get; set; } = "gridtokenx";

    public string Audience { get; set; } = "gridtokenx-api";
}
