namespace GridTokenX.Grains.Trading;

/// <summary>
/// Keeps placements in the order their numbers were taken. An order reserves funds (an await) between taking its
/// number and being matched, and the book's time priority after a restore is order-number order, so an order must
/// not be matched before every order numbered below it has been matched or given up. Reservations still overlap:
/// only the matching waits.
/// </summary>
/// <remarks>Not thread-safe, on purpose: the grain's scheduler runs every call one at a time.</remarks>
public sealed class PlacementQueue
{
    private Task _tail = Task.CompletedTask;

    /// <summary>Joins the queue. Call in the same turn as taking the order's number.</summary>
    public Turn Enter()
    {
        var before = _tail;
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tail = mine.Task;
        return new Turn(before, mine);
    }

    /// <param name="Before">Completes once every earlier order has been matched or given up.</param>
    public readonly record struct Turn(Task Before, TaskCompletionSource Mine)
    {
        /// <summary>Lets the next order go; call exactly once, whether or not this one was placed.</summary>
        public void Leave() => Mine.TrySetResult();
    }
}
