using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>One HTTP exchange: the status and the raw body.</summary>
public sealed record Reply(HttpStatusCode Status, string Body)
{
    public int Code => (int)Status;

    public bool IsSuccess => Code is >= 200 and < 300;

    /// <summary>A failure a client should retry: the service or one of its dependencies is away.</summary>
    public bool IsTransient => Code >= 500 || Status == HttpStatusCode.TooManyRequests;

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, Api.Json) ?? throw new InvalidOperationException($"Empty body: {this}");

    /// <summary>The problem's machine-readable code, or null.</summary>
    public string? ProblemCode()
    {
        try
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var code)
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Code} {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

/// <summary>A thin client of the public API. Every method is one request; <see cref="SendWithRetryAsync"/> is the retrying client.</summary>
public sealed class Api(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>How long one attempt may take before a client gives up on it (the request may still complete server-side).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public HttpClient Http => http;

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token = null, object? body = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        using var response = await http.SendAsync(request, timeout.Token);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>
    /// Sends the identical request until it gets an answer that is not a transient failure (5xx, 429, connection
    /// error, timeout) or <paramref name="deadline"/> passes; null then. <paramref name="attempts"/> counts tries.
    /// </summary>
    public async Task<(Reply? Reply, int Attempts)> SendWithRetryAsync(HttpMethod method, string path, string? token, object? body,
        TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var attempts = 0;
        var backoff = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            attempts++;
            try
            {
                var reply = await SendAsync(method, path, token, body);
                if (!reply.IsTransient) return (reply, attempts);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // Connection refused or reset, or the attempt timed out: the outcome is unknown, so ask again.
            }

            if (DateTime.UtcNow + backoff >= until) return (null, attempts);
            await Task.Delay(backoff); // back-off between retries, not synchronisation
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
        }
    }

    public Task<Reply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    /// <summary>A read that must succeed: retried over transient failures, then required to be 200.</summary>
    public async Task<Reply> ReadAsync(string path, string? token = null, TimeSpan? deadline = null)
    {
        var (reply, attempts) = await SendWithRetryAsync(HttpMethod.Get, path, token, null, deadline ?? TimeSpan.FromSeconds(60));
        if (reply is null) throw new InvalidOperationException($"GET {path} kept failing transiently ({attempts} attempts).");
        if (reply.Status != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {reply}.");
        return reply;
    }

    public async Task<T> ReadAsync<T>(string path, string? token = null) => (await ReadAsync(path, token)).As<T>();
}
