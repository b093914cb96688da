using System.Reflection;
using NetArchTest.Rules;

namespace GridTokenX.Architecture.Tests;

/// <summary>
/// DESIGN.md's project table, enforced: which project may use which (docs/architecture.md, "Projects"). A project
/// referencing one it may not, or the API host using grain classes outside its standalone-silo file, fails here.
/// </summary>
public sealed class DependencyRuleTests
{
    // What each project may use of ours, directly or through what it may use.
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "GridTokenX.Grains.Abstractions", [] },
        { "GridTokenX.Redis", [] },
        { "GridTokenX.ReadModel", ["GridTokenX.Grains.Abstractions"] },
        { "GridTokenX.Grains", ["GridTokenX.Grains.Abstractions", "GridTokenX.Redis", "GridTokenX.ReadModel"] },
        { "GridTokenX.Hosting", ["GridTokenX.Grains.Abstractions", "GridTokenX.Redis"] },
        { "GridTokenX.Silo", ["GridTokenX.ReadModel", "GridTokenX.Grains", "GridTokenX.Hosting", "GridTokenX.Grains.Abstractions", "GridTokenX.Redis"] },
        { "GridTokenX.ApiHost", ["GridTokenX.ReadModel", "GridTokenX.Grains.Abstractions", "GridTokenX.Redis", "GridTokenX.Hosting", "GridTokenX.Grains"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_project_references_only_the_projects_it_may(string assembly, string[] allowed)
    {
        var referenced = Assemblies.All.Single(a => a.GetName().Name == assembly).GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("GridTokenX.", StringComparison.Ordinal));

        Assert.Empty(referenced.Except(allowed));
    }

    [Fact]
    public void The_API_host_uses_grain_classes_only_to_co_host_a_standalone_silo()
    {
        var standaloneSilo = typeof(ApiHost.Hosting.StandaloneSilo).FullName!;
        var result = Types.InAssembly(Assemblies.ApiHost)
            .ShouldNot().HaveDependencyOnAny(Assemblies.OwnNamespaces(Assemblies.Grains)).GetResult();

        // That one type (and what the compiler nests in it, such as its lambdas' closures), by its full name.
        var others = (result.FailingTypes ?? []).Select(t => t.FullName)
            .Where(name => name != standaloneSilo && !name.StartsWith(standaloneSilo + "+", StringComparison.Ordinal));
        Assert.Empty(others);
    }

    [Fact]
    public void Grains_and_the_contract_know_nothing_of_HTTP_or_telemetry_exporters()
    {
        foreach (var assembly in new[] { Assemblies.Abstractions, Assemblies.Grains, Assemblies.Redis })
        {
            AssertPasses(Types.InAssembly(assembly).ShouldNot()
                .HaveDependencyOnAny("Microsoft.AspNetCore", "OpenTelemetry", "GridTokenX.Hosting").GetResult());
        }
    }

    [Fact]
    public void Only_silo_wiring_in_the_grains_project_touches_StackExchange_Redis()
    {
        var result = Types.InAssembly(Assemblies.Grains).That().DoNotResideInNamespace("GridTokenX.Grains.Hosting")
            .ShouldNot().HaveDependencyOnAny("StackExchange.Redis").GetResult();

        AssertPasses(result);
    }

    [Fact]
    public void The_matching_engine_is_plain_code_without_Orleans_or_Redis()
    {
        var result = Types.InAssembly(Assemblies.Grains).That().ResideInNamespace("GridTokenX.Grains.Trading.Matching")
            .ShouldNot().HaveDependencyOnAny("Orleans", "StackExchange.Redis", "Microsoft.Extensions").GetResult();

        AssertPasses(result);
    }

    [Fact]
    public void The_rate_limit_algorithms_are_plain_code_without_grains_Redis_or_ASP_NET_Core()
    {
        // Their state classes carry Orleans' serializer attributes (a grain persists them); nothing else of Orleans. The
        // feature's grains live beside them (thin: single activation and persistence around KeyLimits).
        var result = Types.InAssembly(Assemblies.Grains).That().ResideInNamespace("GridTokenX.Grains.RateLimiting").And().DoNotHaveNameEndingWith("Grain")
            .ShouldNot().HaveDependencyOnAny("Orleans.Grain", "Orleans.IGrain", "Orleans.Runtime", "Orleans.Hosting", "StackExchange.Redis",
                "GridTokenX.Redis", "Microsoft.AspNetCore").GetResult();

        AssertPasses(result);
    }

    [Fact]
    public void The_read_model_is_plain_ADO_NET_without_the_Orleans_runtime_Redis_or_ASP_NET_Core()
    {
        // It stores the contract's records (Trade, Order, Mint …) and nothing else of ours; a consumer in the silo calls it.
        var result = Types.InAssembly(Assemblies.ReadModel).ShouldNot()
            .HaveDependencyOnAny("Orleans", "StackExchange.Redis", "Microsoft.AspNetCore", "OpenTelemetry", "GridTokenX.Hosting", "GridTokenX.Redis")
            .GetResult();

        AssertPasses(result);
    }

    private static void AssertPasses(TestResult result) =>
        Assert.True(result.IsSuccessful, "Breaking the rule: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
}
