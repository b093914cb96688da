using System.Buffers;
using System.Text.Json;

namespace GridTokenX.ApiHost.Http;

/// <summary>
/// Reads a small JSON request body with a hard size limit, so a hostile client can neither make the server buffer
/// a huge body nor get a framework error page: every failure comes back as the problem to send.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && !IsJson(contentType)) return (null, Problems.UnsupportedMediaType());
        if (request.ContentLength > MaxBytes) return (null, Problems.BodyTooLarge(MaxBytes));

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > MaxBytes) return (null, Problems.BodyTooLarge(MaxBytes));
            }

            if (length == 0) return (null, Problems.InvalidJson("The request body is empty; a JSON object is required."));
            try
            {
                var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    document.Dispose();
                    return (null, Problems.InvalidJson("The request body must be a JSON object."));
                }

                return (document, null);
            }
            catch (JsonException ex)
            {
                return (null, Problems.InvalidJson($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
