using System.Text.Json;
using System.Text.RegularExpressions;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Docs;

/// <summary>
/// Keeps docs/api.md true against the real host: every route its tables list exists, in the OpenAPI document the host
/// serves or (for the table of routes outside it) as an answer that is neither 404 nor 405, and every operation of the
/// OpenAPI document is listed.
/// </summary>
public sealed partial class ApiDocTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Headings whose text contains this start the table of routes the OpenAPI document leaves out.</summary>
    public const string ExcludedSectionMarker = "not in the OpenAPI document";

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task Every_route_listed_in_api_md_is_an_operation_of_the_OpenAPI_document()
    {
        var doc = ApiDoc.Read();
        var operations = await OpenApiOperationsAsync();

        Assert.NotEmpty(doc.Described);
        var missing = doc.Described.Where(r => !operations.Contains(r.Key)).Select(r => r.Line).ToList();
        Assert.True(missing.Count == 0,
            $"docs/api.md lists routes the OpenAPI document of the running host does not have:\n{string.Join('\n', missing)}\n" +
            $"OpenAPI operations: {string.Join(", ", operations.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public async Task Every_operation_of_the_OpenAPI_document_is_listed_in_api_md()
    {
        var doc = ApiDoc.Read();
        var operations = await OpenApiOperationsAsync();

        Assert.NotEmpty(operations);
        var listed = doc.Described.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = operations.Where(o => !listed.Contains(o)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"The OpenAPI document has operations docs/api.md does not list (add them to its route table):\n{string.Join('\n', missing)}");
    }

    [Fact]
    public async Task Routes_listed_outside_the_OpenAPI_document_answer_and_are_not_in_it()
    {
        var doc = ApiDoc.Read();
        var operations = await OpenApiOperationsAsync();
        using var client = api.Anonymous();

        Assert.NotEmpty(doc.Excluded);
        var failures = new List<string>();
        foreach (var route in doc.Excluded)
        {
            if (route.Path.Contains('{', StringComparison.Ordinal))
            {
                failures.Add($"{route.Line}  (a route outside the OpenAPI document must be a concrete path the test can request)");
                continue;
            }

            if (operations.Contains(route.Key)) failures.Add($"{route.Line}  (it is in the OpenAPI document: list it in the main table)");
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            if (status is 404 or 405) failures.Add($"{route.Line}  (answered {status})");
        }

        Assert.True(failures.Count == 0, $"docs/api.md's routes outside the OpenAPI document do not hold:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void The_parser_sorts_route_rows_by_section_and_skips_everything_else()
    {
        var doc = ApiDoc.Parse(
        [
            "## Routes in the OpenAPI document",
            "| method | path | auth |",
            "|---|---|---|",
            "| GET | /api/v1/orders/{order_id} | user |",
            "| post | `/api/v1/orders/` | user |",
            "```",
            "| GET | /inside/a/code/block | — |",
            "```",
            "- `GET /api/v1/trades` in prose is not a row",
            "## Routes not in the OpenAPI document",
            "| GET | /metrics | public |",
        ]);

        Assert.Equal(["GET /api/v1/orders/{}", "POST /api/v1/orders"], doc.Described.Select(r => r.Key));
        Assert.Equal(["GET /metrics"], doc.Excluded.Select(r => r.Key));
        Assert.Equal(ApiDoc.Key("get", "/api/v1/orders/{orderId}"), doc.Described[0].Key);
    }

    private async Task<HashSet<string>> OpenApiOperationsAsync()
    {
        using var client = api.Anonymous();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (HttpMethods.Contains(operation.Name, StringComparer.Ordinal))
                    operations.Add(ApiDoc.Key(operation.Name, path.Name));
            }
        }

        return operations;
    }

    /// <summary>A route row of api.md: <c>| GET | /api/v1/markets/{symbol}/book | …</c>.</summary>
    public sealed record DocRoute(string Method, string Path, string Line)
    {
        public string Key => ApiDoc.Key(Method, Path);
    }

    public sealed partial record ApiDoc(IReadOnlyList<DocRoute> Described, IReadOnlyList<DocRoute> Excluded)
    {
        public static string FilePath => Path.Combine(RepoPaths.Root, "docs", "api.md");

        public static ApiDoc Read() => Parse(File.ReadAllLines(FilePath));

        /// <summary>Route rows under a heading containing <see cref="ExcludedSectionMarker"/> are the excluded ones.</summary>
        public static ApiDoc Parse(IEnumerable<string> lines)
        {
            var described = new List<DocRoute>();
            var excluded = new List<DocRoute>();
            var inExcludedSection = false;
            var inCode = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
                if (inCode) continue;
                if (line.StartsWith('#'))
                {
                    inExcludedSection = line.Contains(ExcludedSectionMarker, StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                var match = RouteRow().Match(line);
                if (!match.Success) continue;
                var route = new DocRoute(match.Groups["method"].Value.ToUpperInvariant(), match.Groups["path"].Value, line.Trim());
                (inExcludedSection ? excluded : described).Add(route);
            }

            return new ApiDoc(described, excluded);
        }

        /// <summary>
        /// "GET /api/v1/orders/{}": path parameters compared by position only (api.md writes the contract's
        /// <c>{order_id}</c>, the OpenAPI document the handler's <c>{orderId}</c>), a trailing slash ignored.
        /// </summary>
        public static string Key(string method, string path)
        {
            var normalized = Parameter().Replace(path, "{}");
            if (normalized.Length > 1) normalized = normalized.TrimEnd('/');
            return method.ToUpperInvariant() + " " + normalized;
        }

        [GeneratedRegex(@"^\|\s*(?<method>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*\|\s*`?(?<path>/[^\s|`]*)`?\s*\|", RegexOptions.IgnoreCase)]
        private static partial Regex RouteRow();

        [GeneratedRegex(@"\{[^}/]+\}")]
        private static partial Regex Parameter();
    }
}
