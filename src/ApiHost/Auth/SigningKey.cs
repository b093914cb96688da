using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Auth;

/// <summary>The HS256 key in use, and whether it was generated for this process only.</summary>
public sealed class SigningKey
{
    private SigningKey(byte[] bytes, bool ephemeral)
    {
        SecurityKey = new SymmetricSecurityKey(bytes);
        IsEphemeral = ephemeral;
    }

    public SymmetricSecurityKey SecurityKey { get; }

    public bool IsEphemeral { get; }

    /// <summary>The configured key, or in standalone mode a random one; errors name the setting, never the key.</summary>
    public static SigningKey Resolve(AuthOptions options, bool standalone, List<string> errors)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!standalone)
                errors.Add("Auth:SigningKey is required when Redis is configured: every API host must validate the same tokens.");
            return new SigningKey(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes), ephemeral: true);
        }

        var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
        if (bytes.Length < AuthOptions.MinKeyBytes)
            errors.Add($"Auth:SigningKey must be at least {AuthOptions.MinKeyBytes} bytes (it has {bytes.Length}).");
        return new SigningKey(bytes, ephemeral: false);
    }
}
