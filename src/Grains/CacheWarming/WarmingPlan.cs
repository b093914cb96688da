namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// The tasks and their dependency graph: refused when a task depends on an unknown task or the graph has a cycle
/// (<see cref="Problems"/>, reported at start-up by the options validator). <see cref="Order"/> is topological with
/// priority (then name) deciding among tasks whose dependencies are done.
/// </summary>
public sealed class WarmingPlan
{
    private readonly Dictionary<string, WarmingTask> _tasks;
    private readonly Dictionary<string, int> _position;

    private WarmingPlan(Dictionary<string, WarmingTask> tasks, IReadOnlyList<WarmingTask> order)
    {
        _tasks = tasks;
        Order = order;
        _position = order.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Every task, each after everything it depends on.</summary>
    public IReadOnlyList<WarmingTask> Order { get; }

    /// <summary>The start-up tasks and what they depend on, in <see cref="Order"/>.</summary>
    public IReadOnlyList<WarmingTask> StartupOrder =>
        Order.Where(t => t.Strategy == WarmingStrategy.Startup).SelectMany(t => RunOrderFor(t.Name)).Distinct().OrderBy(t => _position[t.Name]).ToList();

    /// <summary>
    /// <see cref="StartupOrder"/> cut into batches of at most <paramref name="size"/> whose tasks can run at once: a batch
    /// ends early rather than hold a task together with one it depends on.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<WarmingTask>> StartupBatches(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var batches = new List<IReadOnlyList<WarmingTask>>();
        var batch = new List<WarmingTask>();
        foreach (var task in StartupOrder)
        {
            if (batch.Count == size || batch.Any(b => task.DependsOn.Contains(b.Name, StringComparer.Ordinal)))
            {
                batches.Add(batch);
                batch = [];
            }

            batch.Add(task);
        }

        if (batch.Count > 0) batches.Add(batch);
        return batches;
    }

    public bool TryGet(string name, out WarmingTask task) => _tasks.TryGetValue(name, out task!);

    /// <summary>What running <paramref name="name"/> runs: its dependencies (transitively) in order, then itself.</summary>
    public IReadOnlyList<WarmingTask> RunOrderFor(string name)
    {
        if (!_tasks.ContainsKey(name)) throw new KeyNotFoundException($"No warming task '{name}'.");
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var current))
        {
            if (!needed.Add(current)) continue;
            foreach (var dependency in _tasks[current].DependsOn) pending.Push(dependency);
        }

        return needed.Select(n => _tasks[n]).OrderBy(t => _position[t.Name]).ToList();
    }

    /// <summary>The plan, or the reasons there is none (unknown dependencies, duplicate names, each cycle found).</summary>
    public static WarmingPlan Build(IEnumerable<WarmingTask> tasks, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var found = new List<string>();
        var byName = new Dictionary<string, WarmingTask>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (!byName.TryAdd(task.Name, task)) found.Add($"GridTokenX:CacheWarming:Tasks: the task name '{task.Name}' is used twice.");
        }

        foreach (var task in byName.Values)
        {
            foreach (var dependency in task.DependsOn.Where(d => !byName.ContainsKey(d)))
                found.Add($"GridTokenX:CacheWarming:Tasks:{task.Name}:DependsOn names '{dependency}', which is not a task.");
        }

        if (found.Count == 0 && FindCycle(byName) is { } cycle)
            found.Add($"GridTokenX:CacheWarming:Tasks: the dependencies form a cycle: {string.Join(" -> ", cycle)}.");
        problems = found;
        return found.Count == 0 ? new WarmingPlan(byName, TopologicalOrder(byName)) : Empty;
    }

    public static WarmingPlan Empty { get; } = new(new Dictionary<string, WarmingTask>(StringComparer.Ordinal), []);

    // Kahn's algorithm; among the tasks that are ready, the most urgent first so a tie never depends on settings order.
    private static List<WarmingTask> TopologicalOrder(Dictionary<string, WarmingTask> tasks)
    {
        var waitingOn = tasks.Values.ToDictionary(t => t.Name, t => t.DependsOn.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var dependents = tasks.Values.SelectMany(t => t.DependsOn.Distinct(StringComparer.Ordinal).Select(d => (d, t.Name)))
            .ToLookup(p => p.d, p => p.Name, StringComparer.Ordinal);
        var ready = new PriorityQueue<WarmingTask, (WarmingPriority, string)>(Comparer<(WarmingPriority, string)>.Create(
            (a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2)));
        foreach (var task in tasks.Values.Where(t => waitingOn[t.Name] == 0)) ready.Enqueue(task, (task.Priority, task.Name));
        var order = new List<WarmingTask>(tasks.Count);
        while (ready.TryDequeue(out var task, out _))
        {
            order.Add(task);
            foreach (var dependent in dependents[task.Name])
            {
                if (--waitingOn[dependent] == 0) ready.Enqueue(tasks[dependent], (tasks[dependent].Priority, dependent));
            }
        }

        return order;
    }

    /// <summary>One cycle as a path that returns to its start (a → b → a), or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, WarmingTask> tasks)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // absent: unvisited, 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (var dependency in tasks[name].DependsOn.Order(StringComparer.Ordinal))
            {
                if (state.TryGetValue(dependency, out var s) && s == 2) continue;
                if (s == 1) return [.. path.Skip(path.IndexOf(dependency)), dependency];
                if (Visit(dependency) is { } cycle) return cycle;
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }

        foreach (var name in tasks.Keys.Order(StringComparer.Ordinal))
        {
            if (!state.ContainsKey(name) && Visit(name) is { } cycle) return cycle;
        }

        return null;
    }
}
