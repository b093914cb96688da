namespace GridTokenX.ApiHost.CacheWarming;

/// <summary>The 202 of <c>POST …/tasks/{name}/run</c>: the run (after its dependencies) has started; its history shows it.</summary>
public sealed record RunAcceptedResponse(string Name, string Status);
