using GridTokenX.Grains.CacheWarming.Sources;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>Every task's settings, then the dependency graph: an unknown dependency or a cycle stops start-up, naming it.</summary>
public sealed class CacheWarmingOptionsValidator(ComputedFunctions functions) : IValidateOptions<CacheWarmingOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheWarmingOptions options)
    {
        var tasks = WarmingTaskReader.Read(options, functions.Names, out var errors);
        if (errors.Count > 0) return ValidateOptionsResult.Fail(errors);
        WarmingPlan.Build(tasks, out var graphProblems);
        return graphProblems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(graphProblems);
    }
}
