using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace GridTokenX.TestSupport;

/// <summary>
/// A real PostgreSQL server (initdb + pg_ctl from /usr/lib/postgresql/*/bin) in a temporary data directory on a free
/// loopback port, stopped and removed on dispose. Each test takes a fresh database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// postgres refuses to run as root, and the tests run as root on the project's machines: then the server runs as the
/// unprivileged system user <see cref="ServiceUser"/> (created with useradd when missing) through runuser, in a
/// directory that user owns. Durability is off (fsync, synchronous_commit): these servers hold test data only.
/// Like <see cref="RedisServer"/>, the directory's name carries the test process' id, and the first server a later
/// test process starts stops and removes the servers of test processes that are gone.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ServiceUser = "gtxtest";
    private const string DirectoryPrefix = "gtx-pg-";
    private static readonly Lazy<int> Swept = new(() => SweepOrphans(Path.GetTempPath()));
    private readonly string _directory;
    private readonly string _bin;

    private PostgresServer(int port, string directory, string bin)
    {
        Port = port;
        _directory = directory;
        _bin = bin;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        _ = Swept.Value;
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await EnsureServiceUserAsync();
            await RunAsync("chown", [$"{ServiceUser}:", directory], asServiceUser: false);
        }

        var server = new PostgresServer(FreePort.Next(), directory, bin);
        try
        {
            await server.InitAndStartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=60;Pooling=true";

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], IsRoot);
        }
        catch (InvalidOperationException)
        {
            // Not running (it never started, or it is gone): only the directory is left to remove.
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Stops the servers under <paramref name="parent"/> whose test process is gone, and removes their data.</summary>
    public static int SweepOrphans(string parent)
    {
        var swept = 0;
        foreach (var directory in Directory.EnumerateDirectories(parent, DirectoryPrefix + "*"))
        {
            var parts = Path.GetFileName(directory)[DirectoryPrefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var owner) || Directory.Exists($"/proc/{owner}")) continue;
            var data = Path.Combine(directory, "data");
            try
            {
                // pg_ctl checks the data directory's postmaster.pid itself, so it never signals an unrelated process.
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    RunAsync(Path.Combine(FindBinaries(), "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], IsRoot).GetAwaiter().GetResult();
                Directory.Delete(directory, recursive: true);
                swept++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another process is sweeping it, or it is not ours to remove.
            }
        }

        return swept;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task InitAndStartAsync()
    {
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], IsRoot);
        // pg_ctl passes -o to postgres through a shell; the temp paths have no spaces.
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], IsRoot);

        await Eventually.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }, TimeSpan.FromSeconds(30), $"postgres on port {Port} to accept connections");
    }

    private static async Task EnsureServiceUserAsync()
    {
        if (await TryRunAsync("id", ["-u", ServiceUser], asServiceUser: false)) return;
        // Two test processes may race here; the loser's useradd fails with "already exists", which the check settles.
        if (!await TryRunAsync("useradd", ["--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", ServiceUser], asServiceUser: false)
            && !await TryRunAsync("id", ["-u", ServiceUser], asServiceUser: false))
            throw new InvalidOperationException($"Could not create the system user '{ServiceUser}' that runs postgres (postgres refuses to run as root).");
    }

    private static async Task RunAsync(string executable, string[] arguments, bool asServiceUser)
    {
        var (exitCode, output) = await ExecuteAsync(executable, arguments, asServiceUser);
        if (exitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with {exitCode}: {output}");
    }

    private static async Task<bool> TryRunAsync(string executable, string[] arguments, bool asServiceUser) =>
        (await ExecuteAsync(executable, arguments, asServiceUser)).ExitCode == 0;

    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string executable, string[] arguments, bool asServiceUser)
    {
        var start = new ProcessStartInfo(asServiceUser ? "runuser" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The service user may not be able to enter the test's working directory (e.g. under /root).
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asServiceUser)
        {
            foreach (var arg in new[] { "-u", ServiceUser, "--", executable }) start.ArgumentList.Add(arg);
        }

        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "postgres")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")) && File.Exists(Path.Combine(c.Bin, "initdb")))
                .OrderByDescending(c => c.Version).Select(c => c.Bin).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql/*/bin. Run scripts/test.sh, which installs it with apt-get.");
    }
}
