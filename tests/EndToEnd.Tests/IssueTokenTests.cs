using System.Net;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;

namespace GridTokenX.EndToEnd.Tests;

/// <summary><c>issue-token</c> prints tokens the running API hosts accept, signed with the configured key.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class IssueTokenTests(ClusterFixture cluster)
{
    [Fact]
    public Task A_printed_token_is_accepted_by_the_running_API_host() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(1);
        var token = await IssueAsync("--user", "alice-cli");
        var payload = Jwt.Payload(token);
        Assert.Equal(("alice-cli", "user"), (payload.GetProperty("sub").GetString(), payload.GetProperty("role").GetString()));

        var reply = await cluster.Api.ReadAsync("/api/v1/orders", token);
        Assert.Equal("[]", reply.Body);

        // The acceptance above means something only if a token signed with another key is refused.
        var forged = Jwt.Mint("a-different-signing-key-of-enough-length-42", "alice-cli");
        var refused = await cluster.Api.GetAsync("/api/v1/orders", forged);
        Assert.True(refused.Status == HttpStatusCode.Unauthorized, $"A token signed with another key: {refused}");
    });

    [Fact]
    public Task Role_admin_yields_a_token_with_role_admin_and_the_requested_lifetime() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(1);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await IssueAsync("--user", "root-cli", "--role", "admin", "--ttl", "2h");
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Jwt.Payload(token);
        Assert.Equal("admin", payload.GetProperty("role").GetString());
        Assert.Equal("root-cli", payload.GetProperty("sub").GetString());
        Assert.Equal(Jwt.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal(Jwt.Audience, payload.GetProperty("aud").GetString());
        var exp = payload.GetProperty("exp").GetInt64();
        Assert.InRange(exp, before + 7200 - 1, after + 7200 + 1);

        var reply = await cluster.Api.ReadAsync("/api/v1/orders", token);
        Assert.Equal("[]", reply.Body);
    });

    private async Task<string> IssueAsync(params string[] args)
    {
        var env = new Dictionary<string, string> { ["Auth__SigningKey"] = ClusterFixture.SigningKey };
        await using var process = HostProcess.Start("issue-token", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), env, ["issue-token", .. args]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"issue-token exited with {exitCode}:{Environment.NewLine}{process.Output}");
        var lines = process.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1 && lines[0].Split('.').Length == 3, $"issue-token should print one token:{Environment.NewLine}{process.Output}");
        return lines[0];
    }
}
