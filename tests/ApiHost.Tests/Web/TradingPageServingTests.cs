using System.Net;
using System.Net.WebSockets;
using GridTokenX.ApiHost.Web;

namespace GridTokenX.ApiHost.Tests.Web;

/// <summary>The page's files at <c>/</c>, next to the API and not in its way; tokens in <c>/ws</c> URLs never logged.</summary>
public sealed class TradingPageServingTests(LoggingPageFixture api) : IClassFixture<LoggingPageFixture>
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/vendor/lightweight-charts/lightweight-charts.standalone.production.mjs", "text/javascript")]
    [InlineData("/vendor/lightweight-charts/LICENSE.txt", "text/plain")]
    [InlineData("/vendor/lightweight-charts/NOTICE.txt", "text/plain")]
    public async Task The_page_is_served_anonymously_with_its_security_headers(string path, string mediaType)
    {
        using var client = api.Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TradingPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        // Files are not rate limited: a page load is a dozen requests that must not spend a person's API allowance.
        Assert.False(response.Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task The_api_next_to_it_is_unchanged_and_unknown_paths_are_still_problems()
    {
        using var client = api.Anonymous();
        using var markets = await client.GetAsync("/api/v1/markets");
        using var missing = await client.GetAsync("/js/missing.js");
        using var post = await client.PostAsync("/", new StringContent("x"));

        Assert.Equal(HttpStatusCode.OK, markets.StatusCode);
        Assert.Equal("application/json", markets.Content.Headers.ContentType?.MediaType);
        Assert.True(markets.Headers.Contains("RateLimit"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True((int)post.StatusCode is 404 or 405, $"POST / answered {(int)post.StatusCode}");
    }

    [Fact]
    public async Task A_token_in_the_websocket_url_never_reaches_a_log()
    {
        var token = api.Token("log-check");
        var uri = new UriBuilder(api.BaseAddress) { Scheme = "ws", Path = "/ws", Query = "access_token=" + token }.Uri;
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        // And as a plain GET (400: not an upgrade), and with a token that fails validation (401).
        using var client = api.Anonymous();
        using var plain = await client.GetAsync("/ws?access_token=" + token);
        using var bad = await client.GetAsync("/ws?access_token=" + token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);

        var lines = api.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Contains("/ws", StringComparison.Ordinal));
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(lines, l => l.Contains(signature, StringComparison.Ordinal) || l.Contains(signature[..^4], StringComparison.Ordinal));
    }
}
