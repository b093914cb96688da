using System.Diagnostics;
using StackExchange.Redis;

namespace GridTokenX.TestSupport;

/// <summary>
/// A real redis-server process on a free loopback port with its own data directory, stopped and removed on dispose.
/// AOF is on (fsync every write) so a restart of the same server keeps what it acknowledged.
/// </summary>
/// <remarks>
/// A test process that dies (a crash, a cancelled run) never disposes its servers. The data directory's name carries
/// the test process' id and the server writes its pid there, so the first server a later test process starts stops
/// the servers of test processes that are gone (<see cref="SweepOrphans"/>).
/// </remarks>
public sealed class RedisServer : IAsyncDisposable
{
    private const string DirectoryPrefix = "gtx-redis-";
    private const string PidFile = "redis.pid";
    private static readonly Lazy<int> Swept = new(() => SweepOrphans(Path.GetTempPath()));
    private readonly string _directory;
    private Process? _process;

    private RedisServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>The server process' id, 0 before it started.</summary>
    public int ProcessId => _process?.Id ?? 0;

    // Generous timeouts: tests run on small, shared machines where a busy moment must not read as an outage.
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=5000,syncTimeout=15000,asyncTimeout=15000";

    public static Task<RedisServer> StartAsync()
    {
        _ = Swept.Value;
        return StartInAsync(Path.GetTempPath(), Environment.ProcessId);
    }

    /// <summary>A server whose data directory lives under <paramref name="parent"/> and names <paramref name="owner"/> as its test process.</summary>
    public static async Task<RedisServer> StartInAsync(string parent, int owner)
    {
        var directory = Path.Combine(parent, $"{DirectoryPrefix}{owner}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new RedisServer(FreePort.Next(), directory);
        await server.LaunchAsync();
        return server;
    }

    /// <summary>
    /// Stops the servers under <paramref name="parent"/> whose test process is gone, and removes their data.
    /// A pid is only killed while that process still works in the server's directory (pids are reused).
    /// </summary>
    /// <returns>How many such directories were removed.</returns>
    public static int SweepOrphans(string parent)
    {
        var swept = 0;
        foreach (var directory in Directory.EnumerateDirectories(parent, DirectoryPrefix + "*"))
        {
            var parts = Path.GetFileName(directory)[DirectoryPrefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var owner) || Directory.Exists($"/proc/{owner}")) continue;
            try
            {
                // redis-server rewrites its command line but works in its --dir: that is how the pid is told to be it.
                if (int.TryParse(File.ReadAllText(Path.Combine(directory, PidFile)).Trim(), out var pid)
                    && Directory.ResolveLinkTarget($"/proc/{pid}/cwd", returnFinalTarget: false)?.FullName == Path.GetFullPath(directory))
                {
                    using var orphan = Process.GetProcessById(pid);
                    orphan.Kill();
                    orphan.WaitForExit(5000);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // No pid file, or that process is gone already: only the directory is left to remove.
            }

            try
            {
                Directory.Delete(directory, recursive: true);
                swept++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process is sweeping it, or it is not ours to remove.
            }
        }

        return swept;
    }

    /// <summary>Starts the process again on the same port and data after <see cref="Kill"/>.</summary>
    public Task RestartAsync() => LaunchAsync();

    /// <summary>Kills the server and starts it again on the same port with no data at all, as a replaced node would.</summary>
    public async Task RestartEmptyAsync()
    {
        Kill();
        foreach (var entry in Directory.EnumerateFileSystemEntries(_directory).Where(e => Path.GetFileName(e) != PidFile))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }

        await LaunchAsync();
    }

    /// <summary>SIGKILL: the server vanishes without a goodbye, as in a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
    }

    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task LaunchAsync()
    {
        var executable = FindExecutable();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "yes",
                     "--appendfsync", "always", "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning",
                     "--pidfile", Path.Combine(_directory, PidFile),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await Eventually.Until(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}.");
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
            await connection.GetDatabase().PingAsync();
            return true;
        }, TimeSpan.FromSeconds(20), $"redis-server on port {Port} to answer PING");
    }

    private static string FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException("redis-server is not installed. Run scripts/test.sh, which installs it with apt-get.");
    }
}
