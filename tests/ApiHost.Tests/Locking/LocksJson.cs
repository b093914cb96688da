using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridTokenX.ApiHost.Tests.Locking;

/// <summary>Checks the exact shape of API.md's admin locks body.</summary>
public static partial class LocksJson
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex Rfc3339Ms();

    public static void AssertShape(JsonElement body)
    {
        Assert.Equal(["held", "stats", "nodes"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["acquired", "refused", "contended", "extended", "lost", "force_released", "acquire_ms"],
            body.GetProperty("stats").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["p50", "p99"], body.GetProperty("stats").GetProperty("acquire_ms").EnumerateObject().Select(p => p.Name));
        foreach (var held in body.GetProperty("held").EnumerateArray())
        {
            Assert.Equal(["resource", "fencing_token", "holder", "acquired_at", "expires_at"], held.EnumerateObject().Select(p => p.Name));
            Assert.Matches(Rfc3339Ms(), held.GetProperty("acquired_at").GetString()!);
            if (held.GetProperty("expires_at").ValueKind != JsonValueKind.Null) Assert.Matches(Rfc3339Ms(), held.GetProperty("expires_at").GetString()!);
        }

        foreach (var node in body.GetProperty("nodes").EnumerateArray())
            Assert.Equal(["endpoint", "up"], node.EnumerateObject().Select(p => p.Name));
    }

    public static JsonElement? Held(JsonElement body, string resource) =>
        body.GetProperty("held").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(h => h!.Value.GetProperty("resource").GetString() == resource);

    /// <summary>Asserts <paramref name="resource"/> is listed with its holder's token and a holder name of the given kind.</summary>
    public static JsonElement AssertHeld(JsonElement body, string resource, long fencingToken, string holderPrefix)
    {
        var listed = Held(body, resource);
        Assert.True(listed is not null, $"{resource} is not listed: {body}");
        Assert.Equal(fencingToken, listed.Value.GetProperty("fencing_token").GetInt64());
        Assert.StartsWith(holderPrefix, listed.Value.GetProperty("holder").GetString(), StringComparison.Ordinal);
        return listed.Value;
    }
}
