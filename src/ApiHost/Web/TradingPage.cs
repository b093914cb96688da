using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace GridTokenX.ApiHost.Web;

/// <summary>
/// The trading page (docs/web.md): static files embedded in this assembly under <c>wwwroot/</c>, served at <c>/</c>.
/// The page is a client of the public API like any other, so nothing here knows about trading.
/// </summary>
public static class TradingPage
{
    /// <summary>
    /// Everything the page loads comes from this host; the one inline thing is the <c>&lt;style&gt;</c> element that
    /// lightweight-charts adds for its attribution logo, allowed by its hash (recompute it when the library is updated:
    /// docs/web.md). <c>connect-src 'self'</c> covers the same-origin WebSocket.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY='; " +
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly IFileProvider Files = new ManifestEmbeddedFileProvider(typeof(TradingPage).Assembly, "wwwroot");

    /// <summary>
    /// Before authentication and the rate limits: a file needs neither, and only GET/HEAD of a path that is a file here
    /// is answered (no file lives under <c>/api</c> or <c>/ws</c>), so every other request passes through untouched.
    /// </summary>
    public static IApplicationBuilder UseTradingPage(this IApplicationBuilder app)
    {
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            OnPrepareResponse = context => AddHeaders(context.Context.Response.Headers),
        });
    }

    private static void AddHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The page's URL may have carried a token fragment for a moment; never send any of it elsewhere.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Files are not fingerprinted: revalidate every time (the ETag makes that a 304), so an upgraded host never
        // runs a page half old, half new.
        headers[HeaderNames.CacheControl] = "no-cache";
    }
}
