using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// An HTTP GET (<c>Source:Url</c>, <c>Source:Headers:{name}</c>) through the client named <see cref="ClientName"/>, which
/// has the standard resilience handler (retries with backoff on 5xx, 408, 429 and network errors; a circuit breaker;
/// timeouts). A pattern without placeholders takes the whole body; with placeholders, the body must be a JSON array and
/// each element is one entry keyed by its fields.
/// </summary>
public sealed class HttpWarmingSource(IHttpClientFactory clients) : IWarmingSource
{
    public const string ClientName = "gtx-cache-warming";

    public WarmingSourceKind Kind => WarmingSourceKind.Http;

    public async IAsyncEnumerable<WarmedEntry> FetchAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, task.Source.Url);
        foreach (var (name, value) in task.Source.Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        if (task.KeyPattern.Placeholders.Count == 0)
        {
            yield return new WarmedEntry(task.KeyPattern.Text, document.RootElement.GetRawText());
            yield break;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException($"{task.Source.Url} did not answer a JSON array, which the key pattern '{task.KeyPattern}' needs.");
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var key = element.ValueKind == JsonValueKind.Object ? task.KeyPattern.Fill(name => Field(element, name)) : null;
            if (key is not null) yield return new WarmedEntry(key, element.GetRawText());
        }
    }

    private static string? Field(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
