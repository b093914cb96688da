using GridTokenX.ApiHost.Auth;

namespace GridTokenX.ApiHost.Hosting;

/// <summary>Standalone mode says so loudly and hands the newcomer working tokens.</summary>
public static class StandaloneBanner
{
    public static void Print(TextWriter output, string baseUrl, TokenIssuer issuer, string? keyFile)
    {
        var lifetime = TimeSpan.FromHours(12);
        var alice = issuer.Issue("alice", Roles.User, lifetime);
        output.WriteLine($"""

            ================================================================================
             GridTokenX Gateway - STANDALONE MODE
             One process, in-memory cluster, storage and journal: no order or trade survives a restart.
             Set GridTokenX__Redis__ConnectionString to run silos and API hosts on Redis.

             Listening on {baseUrl}
             Tokens (valid {lifetime.TotalHours:0}h{(keyFile is null ? "" : ", signed with the key in " + keyFile)}).
             Paste these into your shell (alice and bob are users, admin has the admin role).
             Demo balances: {Accounts.DemoBalances.Description}.

            export API={baseUrl}
            export ALICE={alice}
            export BOB={issuer.Issue("bob", Roles.User, lifetime)}
            export ADMIN={issuer.Issue("admin", Roles.Admin, lifetime)}

             Try:  curl -s $API/api/v1/markets
             Trade in a browser, signed in as alice (the token is in the fragment, which never reaches a server):
                   {baseUrl.TrimEnd('/')}/#token={alice}
             More: dotnet run --project src/ApiHost -- issue-token --user carol
            ================================================================================

            """);
    }
}
