using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace GridTokenX.ApiHost.Http;

/// <summary>
/// Turns what escapes an endpoint into a problem response: the cluster or storage being away is a 503 the client
/// may retry; a malformed request the server only noticed while reading is a 4xx; anything else is a bug, logged
/// here and answered with a bare 500 that reveals nothing.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = Classify(exception);
        if (status >= 500 && status != StatusCodes.Status503ServiceUnavailable) LogUnhandled(exception, httpContext.Request.Path);
        else if (status == StatusCodes.Status503ServiceUnavailable) LogUnavailable(exception.GetType().Name, httpContext.Request.Path);

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = Problems.Details(status, code, title, detail),
            Exception = exception,
        });
    }

    private static (int Status, string Code, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "body_too_large", "Request body too large", "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, "bad_request", "Bad request", "The request could not be read."),
        MarketUnavailableException unavailable => (503, "service_unavailable", "Service unavailable", unavailable.Message),
        MoneyUnavailableException => (503, "service_unavailable", "Service unavailable", "The money store is not reachable right now; retry shortly."),
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or OrleansException or OperationCanceledException or StackExchange.Redis.RedisException =>
            (503, "service_unavailable", "Service unavailable", "The trading cluster is not reachable right now; retry shortly."),
        _ => (500, "internal_error", "Internal error", "The server failed to handle the request."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Path}")]
    private partial void LogUnhandled(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency unavailable ({ExceptionType}) for {Path}")]
    private partial void LogUnavailable(string exceptionType, string path);
}
