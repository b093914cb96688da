using System.Security.Cryptography;

namespace GridTokenX.ApiHost.Auth;

/// <summary>
/// Standalone mode's signing key, kept in a file only its owner can read, so that tokens survive a restart and
/// <c>issue-token</c> run beside a standalone host signs tokens that host accepts. Made on first use; never printed.
/// Redis mode never uses it: there every API host must be given the same <c>Auth:SigningKey</c>. The folder is made
/// owner-only; a key file that others may read, or a symbolic link, is refused.
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
            if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) Create(path);
            if (new FileInfo(path).LinkTarget is not null)
            {
                // A link could point the key at a file somebody else controls.
                error = $"{path} (standalone signing key) is a symbolic link: point Auth:StandaloneKeyFile at the file itself.";
                return null;
            }

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
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes)));
            }

            // Two processes starting at once: the first move wins and both use its key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made the file first.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
