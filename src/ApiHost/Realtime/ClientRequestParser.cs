using System.Text.Json;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>Reads one client text frame; anything that is not a well-formed request becomes a <c>bad_request</c> reply.</summary>
public static class ClientRequestParser
{
    public const int MaxReqIdLength = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static bool TryParse(ReadOnlyMemory<byte> utf8, int maxChannels, out ClientRequest request, out ErrorReply error)
    {
        request = null!;
        error = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException)
        {
            error = BadRequest(null, "The frame is not valid JSON.");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = BadRequest(null, "The frame must be a JSON object.");
                return false;
            }

            string? reqId = null;
            if (root.TryGetProperty("req_id", out var reqIdElement) && reqIdElement.ValueKind != JsonValueKind.Null)
            {
                if (reqIdElement.ValueKind != JsonValueKind.String || reqIdElement.GetString()!.Length > MaxReqIdLength)
                {
                    error = BadRequest(null, $"req_id must be a string of at most {MaxReqIdLength} characters.");
                    return false;
                }

                reqId = reqIdElement.GetString();
            }

            if (!root.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
            {
                error = BadRequest(reqId, "op is required: subscribe, unsubscribe or ping.");
                return false;
            }

            var op = opElement.GetString()!;
            switch (op)
            {
                case ClientRequest.Ping:
                    request = new ClientRequest(op, reqId, []);
                    return true;
                case ClientRequest.Subscribe or ClientRequest.Unsubscribe:
                    if (!TryChannels(root, maxChannels, out var channels, out var problem))
                    {
                        error = BadRequest(reqId, problem);
                        return false;
                    }

                    request = new ClientRequest(op, reqId, channels);
                    return true;
                default:
                    error = BadRequest(reqId, $"Unknown op '{Truncate(op)}': use subscribe, unsubscribe or ping.");
                    return false;
            }
        }
    }

    private static bool TryChannels(JsonElement root, int maxChannels, out List<string> channels, out string problem)
    {
        channels = [];
        problem = "channels must be a non-empty array of channel names.";
        if (!root.TryGetProperty("channels", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            return false;
        if (array.GetArrayLength() > maxChannels)
        {
            problem = $"At most {maxChannels} channels per connection.";
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return false;
            var channel = item.GetString()!;
            if (!channels.Contains(channel, StringComparer.Ordinal)) channels.Add(channel);
        }

        return true;
    }

    private static ErrorReply BadRequest(string? reqId, string message) => new(reqId, ErrorReply.BadRequest, message);

    internal static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
