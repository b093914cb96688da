using Microsoft.AspNetCore.Mvc;

namespace GridTokenX.ApiHost.Http;

/// <summary>
/// Every refusal the API makes, as an RFC 9457 problem with a stable machine-readable <c>code</c>.
/// </summary>
public static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        Create(StatusCodes.Status400BadRequest, "validation_failed", "Validation failed", detail, errors);

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static IResult InvalidJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid_json", "Malformed JSON", detail);

    public static IResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
            "Send the request body as application/json.");

    public static IResult BodyTooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "body_too_large", "Request body too large",
            $"The request body must not exceed {limit} bytes.");

    public static IResult UnknownSymbol(string symbol) =>
        Create(StatusCodes.Status404NotFound, "unknown_symbol", "Unknown symbol", $"There is no market '{Truncate(symbol)}'.");

    /// <summary>A well-formed <c>before=</c> that names no item of the list asked for (or another user's: the same answer).</summary>
    public static IResult UnknownCursor(string message) =>
        Create(StatusCodes.Status400BadRequest, "unknown_cursor", "Unknown cursor", message, new Dictionary<string, string[]> { ["before"] = [message] });

    public static IResult OrderNotFound() =>
        Create(StatusCodes.Status404NotFound, "order_not_found", "Order not found", "No such order exists for this user.");

    public static IResult Conflict(string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status409Conflict, code, title, detail, extensions: extensions);

    public static IResult Unavailable(string detail, long retryAfterSeconds = 1) =>
        new RetryAfterResult(Create(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "Service unavailable", detail),
            retryAfterSeconds);

    /// <summary>429 from the rate limiter: <c>policy</c> names the limit that refused, <c>Retry-After</c> when to come back.</summary>
    public static IResult RateLimited(string policy, long retryAfterSeconds) =>
        new RetryAfterResult(Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
            $"The '{policy}' rate limit is spent; retry after {retryAfterSeconds} s.", extensions: new Dictionary<string, object?> { ["policy"] = policy }),
            retryAfterSeconds);

    public static ProblemDetails Details(int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "about:blank" };
        problem.Extensions["code"] = code;
        if (errors is not null) problem.Extensions["errors"] = errors;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        }

        return problem;
    }

    public static IResult Create(int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(Details(status, code, title, detail, errors, extensions));

    /// <summary>Echoing what a client sent back into a message is capped, so errors never balloon.</summary>
    public static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private sealed class RetryAfterResult(IResult inner, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
