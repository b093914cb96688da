using System.Net;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Alerts;

public sealed class AdminAlertsEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Anonymous_callers_get_401_users_get_403_and_admins_get_the_list()
    {
        using var anonymous = api.Anonymous();
        using var user = api.As("alerts-user");
        using var admin = api.As("alerts-admin", "admin");

        await ApiJson.AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/alerts"), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await user.GetAsync("/api/v1/admin/alerts"), HttpStatusCode.Forbidden, "forbidden");
        var list = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/alerts"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, list.ValueKind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task A_limit_outside_1_to_500_is_a_400_naming_the_parameter(string limit)
    {
        using var admin = api.As("alerts-admin", "admin");
        var problem = await ApiJson.AssertProblemAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=" + limit), HttpStatusCode.BadRequest,
            "validation_failed");
        Assert.Contains("1 to 500", problem.GetProperty("errors").GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_at_the_bounds_and_a_repeated_parameter_are_handled()
    {
        using var admin = api.As("alerts-admin", "admin");
        await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=1"), HttpStatusCode.OK);
        await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=500"), HttpStatusCode.OK);
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=1&limit=2"), HttpStatusCode.BadRequest, "validation_failed");
    }
}
