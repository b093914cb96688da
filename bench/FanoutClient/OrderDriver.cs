using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using GridTokenX.Bench.LoadGenerator;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// The "grain publish" feed: real orders through the real system. Each pair is a GTC sell at 0.1000 that rests, then
/// an IOC buy at 0.1000 from another user that takes it, so every pair makes one trade (trade_executed and
/// price_update on the market channel) plus a book update per journal batch, and the book returns to its seeded
/// shape. The seed is ten bid and ten ask levels away from 0.1000, so book updates carry a full top of book.
/// Open loop: pairs start on schedule whether or not earlier ones finished (bounded, and skips are counted). With
/// several markets, the pairs take them in turn.
/// </summary>
public sealed class OrderDriver(HttpClient http, byte[] signingKey, IReadOnlyList<string> symbols)
{
    public const int MaxPairsInFlight = 64;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly Uri Orders = new("api/v1/orders", UriKind.Relative);
    private readonly string _seller = Bearer(signingKey, "fanout-seller");
    private readonly string _buyer = Bearer(signingKey, "fanout-buyer");
    private readonly string _maker = Bearer(signingKey, "fanout-maker");
    private readonly SemaphoreSlim _inFlight = new(MaxPairsInFlight, MaxPairsInFlight);
    private long _trades;
    private long _failed;
    private long _skipped;

    public long Trades => Interlocked.Read(ref _trades);

    public long Failed => Interlocked.Read(ref _failed);

    public long Skipped => Interlocked.Read(ref _skipped);

    public async Task SeedBookAsync(CancellationToken cancellationToken)
    {
        // Markets are seeded side by side, a few at a time, so a hundred of them do not take minutes.
        await Parallel.ForEachAsync(symbols, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (symbol, ct) =>
        {
            for (var level = 0; level < 10; level++)
            {
                await PlaceAsync(_maker, Order(symbol, "buy", 0.0950m - level * 0.0001m, "5.000", "gtc"), ct);
                await PlaceAsync(_maker, Order(symbol, "sell", 0.1050m + level * 0.0001m, "5.000", "gtc"), ct);
            }
        });
    }

    public async Task RunAsync(double pairsPerSecond, double seconds, CancellationToken cancellationToken)
    {
        var sells = symbols.Select(s => Order(s, "sell", 0.1000m, "1.000", "gtc")).ToArray();
        var buys = symbols.Select(s => Order(s, "buy", 0.1000m, "1.000", "ioc")).ToArray();
        var period = TimeSpan.FromSeconds(1 / pairsPerSecond);
        var pairs = (long)(pairsPerSecond * seconds);
        var started = Stopwatch.GetTimestamp();
        var running = new List<Task>();
        for (long n = 0; n < pairs; n++)
        {
            var wait = period * n - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            if (!_inFlight.Wait(0, cancellationToken))
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }

            // Markets in turn: each trades at 1/n of the rate, and a market's pairs never overlap unless it falls behind.
            var market = (int)(n % symbols.Count);
            running.Add(PairAsync(sells[market], buys[market], cancellationToken));
        }

        await Task.WhenAll(running);
    }

    private async Task PairAsync(byte[] sell, byte[] buy, CancellationToken cancellationToken)
    {
        try
        {
            // The buy goes out only once the sell rests, or it would find nothing to take.
            if (await PlaceAsync(_seller, sell, cancellationToken) && await PlaceAsync(_buyer, buy, cancellationToken))
                Interlocked.Increment(ref _trades);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<bool> PlaceAsync(string authorization, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Orders) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
        }
        catch (HttpRequestException)
        {
            // Counted below like any refusal.
        }

        Interlocked.Increment(ref _failed);
        return false;
    }

    private static string Bearer(byte[] key, string user) => "Bearer " + Hs256Token.Mint(key, user, TimeSpan.FromHours(2));

    private static byte[] Order(string symbol, string side, decimal price, string quantity, string timeInForce) => Encoding.UTF8.GetBytes(
        $$"""{"symbol":"{{symbol}}","side":"{{side}}","type":"limit","price":"{{price.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}}","quantity":"{{quantity}}","time_in_force":"{{timeInForce}}"}""");
}
