using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// In standalone mode the signing key lives in an owner-only file, so <c>issue-token</c> run beside a running
/// standalone host prints tokens that host accepts, and a restarted host keeps accepting them.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class StandaloneIssueTokenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gtx-standalone-key-").FullName;

    private string KeyFile => Path.Combine(_directory, "nested", "signing-key");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_token_from_issue_token_is_accepted_by_a_running_standalone_host_and_the_key_is_never_shown()
    {
        var port = FreePort.Next();
        await using var host = StartStandalone(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Until(async () => await Ready(http), TimeSpan.FromSeconds(60), "the standalone host to be ready");

        var token = await IssueAsync("--user", "carol");
        var key = await File.ReadAllTextAsync(KeyFile);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var orders = await http.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Equal("[]", await orders.Content.ReadAsStringAsync());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyFile)!));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(KeyFile)!));
        Assert.DoesNotContain(key.Trim(), host.Output, StringComparison.Ordinal);
        Assert.Contains(KeyFile, host.Output, StringComparison.Ordinal);

        // The acceptance above means something only if a token signed with another key is refused.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Jwt.Mint("another-key-that-is-long-enough-0123456789", "carol"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task A_key_file_others_can_read_is_refused_naming_the_file_and_never_its_content()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        const string key = "0123456789abcdef0123456789abcdef0123456789abcdef";
        await File.WriteAllTextAsync(KeyFile, key);
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var process = HostProcess.Start("issue-token", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), Environment(), ["issue-token", "--user", "carol"]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains(KeyFile, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_that_is_a_symbolic_link_is_refused()
    {
        var target = Path.Combine(_directory, "elsewhere");
        await File.WriteAllTextAsync(target, "0123456789abcdef0123456789abcdef0123456789abcdef");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        File.CreateSymbolicLink(KeyFile, target);

        await using var process = HostProcess.Start("issue-token", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), Environment(), ["issue-token", "--user", "carol"]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("symbolic link", process.Output, StringComparison.Ordinal);
    }

    private HostProcess StartStandalone(int port) =>
        HostProcess.Start("standalone", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), new Dictionary<string, string>(Environment())
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["GridTokenX__Silo__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GridTokenX__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });

    private Dictionary<string, string> Environment() => new()
    {
        ["Auth__StandaloneKeyFile"] = KeyFile,
        ["GridTokenX__ReadModel__SqlitePath"] = ReadModelSettings.NewSqlitePath(),
    };

    private static async Task<bool> Ready(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<string> IssueAsync(params string[] args)
    {
        await using var process = HostProcess.Start("issue-token", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), Environment(), ["issue-token", .. args]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"issue-token exited with {exitCode}:{System.Environment.NewLine}{process.Output}");
        var lines = process.Output.Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // stderr says which key signed (so a Redis operator who forgot Auth__SigningKey learns why hosts refuse the token).
        Assert.Contains(lines, l => l.StartsWith("Signed with the standalone key in " + KeyFile, StringComparison.Ordinal));
        return lines.Single(l => l.Split('.').Length == 3 && !l.Contains(' ', StringComparison.Ordinal));
    }
}
