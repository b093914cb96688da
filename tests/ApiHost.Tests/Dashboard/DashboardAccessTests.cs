using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Dashboard;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Dashboard;

/// <summary>The Orleans dashboard on the API host: admins only, by bearer token or by the sign-in cookie.</summary>
public sealed class DashboardAccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // The page, and one of the data routes its script polls (served from the dashboard grains).
    public static readonly TheoryData<string> Routes = new() { "/dashboard/", "/dashboard/DashboardCounters", "/dashboard/ClusterStats" };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Anonymous_is_401_a_user_403_a_meter_403_and_an_admin_200(string route)
    {
        using var anonymous = api.Anonymous();
        using var user = api.As("dash-user");
        using var meter = api.As("dash-meter", Roles.Meter);
        using var admin = api.As("dash-admin", Roles.Admin);

        var statuses = (
            (await anonymous.GetAsync(route)).StatusCode,
            (await user.GetAsync(route)).StatusCode,
            (await meter.GetAsync(route)).StatusCode,
            (await admin.GetAsync(route)).StatusCode);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK), statuses);
    }

    [Fact]
    public async Task The_admin_page_is_the_dashboard_and_its_data_comes_from_the_cluster()
    {
        using var admin = api.As("dash-admin", Roles.Admin);

        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // The dashboard collects the cluster's figures on its own schedule: the first collection may follow start-up.
        await Eventually.Until(async () => (await (await admin.GetAsync("/dashboard/DashboardCounters")).Content.ReadAsStringAsync())
            .Contains("\"totalActiveHostCount\":1", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30), "the dashboard to count the silo");
    }

    [Fact]
    public async Task An_admin_token_pasted_into_the_sign_in_form_becomes_a_cookie_the_dashboard_and_only_the_dashboard_accepts()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/dashboard/")).StatusCode);

        var form = await browser.GetAsync("/dashboard/session");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"token\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signIn = await browser.PostAsync("/dashboard/session", Form(api.Token("dash-admin", Roles.Admin)));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/dashboard/", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        // The cookie is the dashboard's: sent by hand to an admin route, it authenticates nothing.
        using var elsewhere = api.Anonymous();
        elsewhere.DefaultRequestHeaders.Add("Cookie", $"{DashboardEndpoints.CookieName}={api.Token("dash-admin", Roles.Admin)}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/admin/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_user_token_and_a_bad_token_and_sets_no_cookie()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };

        var user = await browser.PostAsync("/dashboard/session", Form(api.Token("dash-user")));
        var forged = await browser.PostAsync("/dashboard/session", Form("not.a.token"));
        var empty = await browser.PostAsync("/dashboard/session", Form(""));
        var json = await browser.PostAsync("/dashboard/session", ApiFixture.Json("""{"token":"x"}"""));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType),
            (user.StatusCode, forged.StatusCode, empty.StatusCode, json.StatusCode));
        Assert.All(new[] { user, forged, empty, json }, r => Assert.False(r.Headers.Contains("Set-Cookie")));
    }

    private static FormUrlEncodedContent Form(string token) => new([new KeyValuePair<string, string>("token", token)]);
}
