using GridTokenX.ApiHost.Auth;

namespace GridTokenX.ApiHost.Hosting;

/// <summary>Standalone mode says so loudly and hands the newcomer working tokens.</summary>
public static class StandaloneBanner
{
    public static void Print(TextWriter output, string baseUrl, TokenIssuer issuer, bool ephemeralKey)
    {
        var lifetime = TimeSpan.FromHours(12);
        output.WriteLine($"""

            ================================================================================
             GridTokenX Gateway - STANDALONE MODE
             One process, in-memory cluster, storage and journal: nothing survives a restart.
             Set GridTokenX__Redis__ConnectionString to run silos and API hosts on Redis.

             Listening on {baseUrl}
             Tokens for this run (valid {lifetime.TotalHours:0}h{(ephemeralKey ? ", signed with a key made for this process only" : "")}):
               alice (user):  {issuer.Issue("alice", Roles.User, lifetime)}
               bob   (user):  {issuer.Issue("bob", Roles.User, lifetime)}
               admin (admin): {issuer.Issue("admin", Roles.Admin, lifetime)}

             Try:  curl -s {baseUrl}/api/v1/markets
            ================================================================================

            """);
    }
}
