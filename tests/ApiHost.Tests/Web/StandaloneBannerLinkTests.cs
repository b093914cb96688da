using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Web;

/// <summary>The standalone banner's link opens the page signed in as alice, with the token where no server sees it.</summary>
public sealed partial class StandaloneBannerLinkTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_banner_links_to_the_page_with_alices_token_in_the_fragment()
    {
        using var output = new StringWriter();
        StandaloneBanner.Print(output, api.BaseAddress.ToString(), api.Services.GetRequiredService<TokenIssuer>(), keyFile: null);

        var link = PageLink().Match(output.ToString());
        Assert.True(link.Success, output.ToString());
        Assert.Equal(api.BaseAddress.ToString().TrimEnd('/'), link.Groups["base"].Value);
        Assert.DoesNotContain("?token=", output.ToString(), StringComparison.Ordinal);

        using var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", link.Groups["token"].Value);
        using var account = await client.GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("\"user_id\":\"alice\"", await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<base>http://\S+?)/#token=(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\s")]
    private static partial Regex PageLink();
}
