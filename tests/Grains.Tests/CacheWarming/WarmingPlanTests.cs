using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

public sealed class WarmingPlanTests
{
    [Fact]
    public void Every_task_comes_after_what_it_depends_on_and_priority_decides_the_rest()
    {
        var plan = WarmingPlan.Build(
        [
            Tasks.Make("stats", WarmingPriority.Critical, dependsOn: ["tickers"]),
            Tasks.Make("tickers", WarmingPriority.Low),
            Tasks.Make("profiles", WarmingPriority.High),
            Tasks.Make("tokens", WarmingPriority.Medium),
            Tasks.Make("books", WarmingPriority.Critical),
        ], out var problems);

        Assert.Empty(problems);
        Assert.Equal(["books", "profiles", "tokens", "tickers", "stats"], plan.Order.Select(t => t.Name));
    }

    [Fact]
    public void Equal_priorities_are_ordered_by_name_whatever_order_settings_list_them_in()
    {
        var a = WarmingPlan.Build([Tasks.Make("b"), Tasks.Make("a"), Tasks.Make("c")], out _);
        var b = WarmingPlan.Build([Tasks.Make("c"), Tasks.Make("b"), Tasks.Make("a")], out _);

        Assert.Equal(["a", "b", "c"], a.Order.Select(t => t.Name));
        Assert.Equal(a.Order.Select(t => t.Name), b.Order.Select(t => t.Name));
    }

    [Fact]
    public void A_cycle_is_refused_and_named()
    {
        WarmingPlan.Build([Tasks.Make("a", dependsOn: ["b"]), Tasks.Make("b", dependsOn: ["c"]), Tasks.Make("c", dependsOn: ["a"]), Tasks.Make("d")],
            out var problems);

        Assert.Equal(["GridTokenX:CacheWarming:Tasks: the dependencies form a cycle: a -> b -> c -> a."], problems);
    }

    [Fact]
    public void A_cycle_reached_from_outside_is_named_from_where_it_closes()
    {
        WarmingPlan.Build([Tasks.Make("a", dependsOn: ["b"]), Tasks.Make("b", dependsOn: ["c"]), Tasks.Make("c", dependsOn: ["b"])], out var problems);

        Assert.Equal(["GridTokenX:CacheWarming:Tasks: the dependencies form a cycle: b -> c -> b."], problems);
    }

    [Fact]
    public void A_dependency_on_an_unknown_task_is_refused_by_name()
    {
        WarmingPlan.Build([Tasks.Make("a", dependsOn: ["nope"])], out var problems);

        Assert.Equal(["GridTokenX:CacheWarming:Tasks:a:DependsOn names 'nope', which is not a task."], problems);
    }

    [Fact]
    public void Running_a_task_runs_its_dependencies_first_transitively_and_nothing_else()
    {
        var plan = WarmingPlan.Build(
        [
            Tasks.Make("top", WarmingPriority.Critical, dependsOn: ["mid", "side"]),
            Tasks.Make("mid", dependsOn: ["base"]),
            Tasks.Make("side", WarmingPriority.High),
            Tasks.Make("base", WarmingPriority.Low),
            Tasks.Make("unrelated", WarmingPriority.Critical),
        ], out _);

        Assert.Equal(["side", "base", "mid", "top"], plan.RunOrderFor("top").Select(t => t.Name));
        Assert.Equal(["base"], plan.RunOrderFor("base").Select(t => t.Name));
        Assert.Throws<KeyNotFoundException>(() => plan.RunOrderFor("missing"));
    }

    [Fact]
    public void Start_up_runs_the_start_up_tasks_and_their_dependencies_in_batches_that_never_hold_a_task_with_its_dependency()
    {
        var plan = WarmingPlan.Build(
        [
            Tasks.Make("s1", WarmingPriority.Critical, WarmingStrategy.Startup),
            Tasks.Make("s2", WarmingPriority.High, WarmingStrategy.Startup, "dep"),
            Tasks.Make("dep", WarmingPriority.Low, WarmingStrategy.Scheduled),
            Tasks.Make("s3", WarmingPriority.Low, WarmingStrategy.Startup),
            Tasks.Make("s4", WarmingPriority.Low, WarmingStrategy.Startup),
            Tasks.Make("scheduled", WarmingPriority.Critical, WarmingStrategy.Scheduled),
        ], out _);

        // dep done, s2 (high) is ready and outranks s3 and s4 (low).
        Assert.Equal(["s1", "dep", "s2", "s3", "s4"], plan.StartupOrder.Select(t => t.Name));
        Assert.Equal([["s1", "dep"], ["s2", "s3", "s4"]], plan.StartupBatches(3).Select(b => b.Select(t => t.Name).ToArray()));
        Assert.Equal([["s1", "dep"], ["s2", "s3"], ["s4"]], plan.StartupBatches(2).Select(b => b.Select(t => t.Name).ToArray()));
    }
}
