namespace GridTokenX.ApiHost.Auth;

/// <summary>
/// <c>GET /ws?access_token=…</c> (the browser's only way to send a token on an upgrade) must never reach a log.
/// ASP.NET Core's request lines ("Request starting … /ws?access_token=…") come from the hosting diagnostics category at
/// Information; that category is held at Warning here, added after the configuration's rules so that a
/// <c>Logging__LogLevel__Microsoft.AspNetCore…=Information</c> cannot bring the lines back. Request traces and metrics
/// do not carry query values (OpenTelemetry's ASP.NET Core instrumentation redacts them).
/// </summary>
public static class QueryTokenLogging
{
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder KeepQueryTokensOutOfLogs(this ILoggingBuilder logging) =>
        logging.AddFilter(RequestLineCategory, LogLevel.Warning);
}
