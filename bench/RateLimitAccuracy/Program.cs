using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using GridTokenX.Bench.LoadGenerator;

// Accuracy of a limit held across hosts: ROUNDS rounds, each on a key of its own (a fresh user: a token for the API
// host, X-Client-Key for the bench host), sending 3 x LIMIT requests at once from CONCURRENCY workers spread evenly over
// the hosts. The window is longer than a round, so exactly LIMIT must be admitted. Reports over-admits (admitted beyond
// the limit) and wrongly refused (the limit not reached) over all rounds.
// Usage: <url,url,...> <limit> <rounds> <concurrency> <signing-key or -> <label>
var urls = args[0].Split(',').Select(u => new Uri(u.TrimEnd('/') + "/")).ToArray();
var limit = int.Parse(args[1], CultureInfo.InvariantCulture);
var rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
var key = args[4] == "-" ? null : Encoding.UTF8.GetBytes(args[4]);
var label = args[5];
if (urls.Any(u => !u.IsLoopback)) throw new ArgumentException("Loopback hosts only.");

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
long overAdmitted = 0, wronglyRefused = 0, requests = 0, errors = 0;
var perRound = new List<int>();
for (var round = 0; round < rounds; round++)
{
    var client = $"acc-{run}-{round}";
    var authorization = key is null ? null : "Bearer " + Hs256Token.Mint(key, client, TimeSpan.FromHours(1));
    var next = -1;
    var statuses = new ConcurrentBag<HttpStatusCode>();
    var total = 3 * limit;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < total)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(urls[i % urls.Length], "api/v1/markets"));
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.TryAddWithoutValidation("X-Client-Key", client);
            try
            {
                using var response = await http.SendAsync(request);
                statuses.Add(response.StatusCode);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    var admitted = statuses.Count(s => s == HttpStatusCode.OK);
    errors += statuses.Count(s => s != HttpStatusCode.OK && s != HttpStatusCode.TooManyRequests);
    perRound.Add(admitted);
    overAdmitted += Math.Max(0, admitted - limit);
    wronglyRefused += Math.Max(0, limit - admitted);
    requests += total;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ACCURACY label={label} hosts={urls.Length} limit={limit} rounds={rounds} requests={requests} admitted_min={perRound.Min()} admitted_max={perRound.Max()} over_admitted={overAdmitted} wrongly_refused={wronglyRefused} wrongly_refused_pct={100.0 * wronglyRefused / requests:0.000} errors={errors}"));
