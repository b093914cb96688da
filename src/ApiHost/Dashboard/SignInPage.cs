namespace GridTokenX.ApiHost.Dashboard;

/// <summary>The one form a browser needs to reach the dashboard: paste an admin token, get the dashboard cookie.</summary>
internal static class SignInPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>GridTokenX · Orleans dashboard sign-in</title>
        <style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
        input,button{font:inherit;padding:.4rem;width:100%;box-sizing:border-box;margin:.4rem 0}</style></head>
        <body>
        <h1>Orleans dashboard</h1>
        <p>Admins only. Paste an admin token (<code>issue-token --user you --role admin</code>); it is kept in a cookie
        sent only to <code>/dashboard</code> until the token expires.</p>
        <form method="post" action="/dashboard/session">
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="off" required>
        <button type="submit">Open the dashboard</button>
        </form>
        </body>
        </html>
        """;

    /// <summary>A page that takes a secret: no framing, no scripts, no sending it anywhere but here.</summary>
    public static async ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        return await next(context);
    }
}
