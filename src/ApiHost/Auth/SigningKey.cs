using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Auth;

/// <summary>The HS256 key in use, and the standalone key file it came from, if any.</summary>
public sealed class SigningKey
{
    private SigningKey(byte[] bytes, string? keyFile)
    {
        SecurityKey = new SymmetricSecurityKey(bytes);
        KeyFile = keyFile;
    }

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>The standalone key file this key was read from; null for a configured key.</summary>
    public string? KeyFile { get; }

    /// <summary>
    /// The configured key, or in standalone mode the key in the standalone key file (made on first use). Errors name the
    /// setting or the file, never the key.
    /// </summary>
    public static SigningKey? Resolve(AuthOptions options, bool standalone, List<string> errors)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!standalone)
            {
                errors.Add("Auth:SigningKey is required when Redis is configured: every API host must validate the same tokens.");
                return null;
            }

            var path = string.IsNullOrWhiteSpace(options.StandaloneKeyFile) ? StandaloneKeyFile.DefaultPath : options.StandaloneKeyFile;
            var stored = StandaloneKeyFile.LoadOrCreate(path, out var error);
            if (stored is null)
            {
                errors.Add(error!);
                return null;
            }

            return new SigningKey(Encoding.UTF8.GetBytes(stored), path);
        }

        var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
        if (bytes.Length < AuthOptions.MinKeyBytes)
        {
            errors.Add($"Auth:SigningKey must be at least {AuthOptions.MinKeyBytes} bytes (it has {bytes.Length}).");
            return null;
        }

        return new SigningKey(bytes, keyFile: null);
    }
}
