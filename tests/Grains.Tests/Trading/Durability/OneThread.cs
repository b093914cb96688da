namespace GridTokenX.Grains.Tests.Trading.Durability;

/// <summary>
/// Runs a test body as a grain's turns run: one piece at a time, with every await resuming on the same exclusive
/// scheduler. The journal writer, checkpointer and publisher rely on that instead of locks.
/// </summary>
internal static class OneThread
{
    public static Task Run(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
