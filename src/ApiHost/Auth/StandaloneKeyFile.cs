using System.Security.Cryptography;

namespace GridTokenX.ApiHost.Auth;

/// <summary>
/// Standalone mode's signing key, kept in a file only its owner can read, so that tokens survive a restart and
/// <c>issue-token</c> run beside a standalone host signs tokens that host accepts. Made on first use; never printed.
/// Redis mode never uses it: there every API host must be given the same <c>Auth:SigningKey</c>.
/// </summary>
public static class StandaloneKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary><c>gridtokenx/standalone-signing-key</c> in the user's local data folder (e.g. <c>~/.local/share</c>).</summary>
    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "gridtokenx", "standalone-signing-key");

    /// <summary>The key in <paramref name="path"/>, made first if the file does not exist.</summary>
    /// <param name="error">Why the file cannot be used (it names the path, never the key), else null.</param>
    public static string? LoadOrCreate(string path, out string? error)
    {
        error = null;
        try
        {
            if (!File.Exists(path)) Create(path);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                error = $"{path} (standalone signing key) must be readable by its owner only: chmod 600 it, or delete it to make a new key.";
                return null;
            }

            var key = File.ReadAllText(path).Trim();
            if (System.Text.Encoding.UTF8.GetByteCount(key) >= AuthOptions.MinKeyBytes) return key;
            error = $"{path} (standalone signing key) holds fewer than {AuthOptions.MinKeyBytes} bytes: delete it to make a new key.";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"The standalone signing key file {path} cannot be used ({ex.GetType().Name}); set Auth:StandaloneKeyFile or Auth:SigningKey.";
            return null;
        }
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes)));
        }

        try
        {
            // Two processes starting at once: the first move wins and both use its key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
