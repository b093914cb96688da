using GridTokenX.TestSupport;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>A setting that cannot work stops the API host at once, naming the key and never echoing a secret.</summary>
public sealed class StartupSettingsTests
{
    private const string GoodKey = "startup-test-signing-key-0123456789abcdefXYZ";

    // The host stops at the first section it resolves (here the alerts, which a hosted service reads), with exit code 2.
    private const string TwoBadSections = "GridTokenX__Alerts__FailedAuthThreshold=0;" +
        "GridTokenX__Markets__0__Symbol=ENERGY-USD;GridTokenX__Markets__0__TickSize=0;GridTokenX__Markets__0__LotSize=0.001;" +
        "GridTokenX__Markets__0__MinPrice=0.0100;GridTokenX__Markets__0__MaxPrice=10.0000;GridTokenX__Markets__0__MinQuantity=0.001;" +
        "GridTokenX__Markets__0__MaxQuantity=100000";

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        // case, the key the message must name, the secret it must not print, "NAME=value;NAME=value" overrides
        { "signing key of 10 bytes", "Auth:SigningKey", "k3y10bytes", "Auth__SigningKey=k3y10bytes" },
        { "unparseable Redis connection string", "GridTokenX:Redis:ConnectionString", GoodKey,
            "GridTokenX__Redis__ConnectionString=127.0.0.1:notaport,,=" },
        { "Redis option with a bad value", "GridTokenX:Redis:ConnectionString", "Pa55w0rd-never-printed",
            "GridTokenX__Redis__ConnectionString=127.0.0.1:6399,password=Pa55w0rd-never-printed,connectRetry=often" },
        { "market with tick size 0", "GridTokenX:Markets:0:TickSize", GoodKey,
            "GridTokenX__Markets__0__Symbol=ENERGY-USD;GridTokenX__Markets__0__TickSize=0;GridTokenX__Markets__0__LotSize=0.001;" +
            "GridTokenX__Markets__0__MinPrice=0.0100;GridTokenX__Markets__0__MaxPrice=10.0000;GridTokenX__Markets__0__MinQuantity=0.001;" +
            "GridTokenX__Markets__0__MaxQuantity=100000" },
        { "a value that is not a number", "GridTokenX:Alerts:FailedAuthThreshold", "5k-not-a-number",
            "GridTokenX__Alerts__FailedAuthThreshold=5k-not-a-number" },
        { "two bad sections at once", "GridTokenX:Alerts:FailedAuthThreshold", GoodKey, TwoBadSections },
        { "stream provider setting", "QueueCount", GoodKey, "GridTokenX__Streams__QueueCount=0" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_API_host_refuses_to_start_naming_the_bad_key(string @case, string key, string secret, string overrides)
    {
        var env = new Dictionary<string, string>
        {
            // Redis mode against a port nobody listens on: nothing here needs a server, the settings are wrong first.
            ["GridTokenX__Redis__ConnectionString"] = $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500",
            ["Auth__SigningKey"] = GoodKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["GridTokenX__ClusterId"] = "startup-" + Guid.NewGuid().ToString("N")[..8],
            ["GridTokenX__ReadModel__SqlitePath"] = ReadModelSettings.NewSqlitePath(),
        };
        foreach (var pair in overrides.Split(';'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            env[pair[..eq]] = pair[(eq + 1)..];
        }

        await using var host = HostProcess.Start("api", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), env);
        int exitCode;
        try
        {
            exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{@case}: the API host was still running after 60 s:{Environment.NewLine}{host.Output}");
            return;
        }

        var output = host.Output;
        Assert.True(exitCode == 2, $"{@case}: exit code {exitCode}, not 2:{Environment.NewLine}{output}");
        Assert.True(output.Contains(key, StringComparison.Ordinal), $"{@case}: the output does not name {key}:{Environment.NewLine}{output}");
        Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{@case}: the output shows a secret:{Environment.NewLine}{output}");
    }
}
