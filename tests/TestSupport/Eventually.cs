namespace GridTokenX.TestSupport;

/// <summary>Waits for a condition with a deadline: the test fails with a message instead of hanging or guessing a sleep.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        T value = default!;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await probe();
                if (done(value)) return value;
                last = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {what}." + (last is null ? $" Last value: {value}" : $" Last error: {last.Message}"), last);
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, ok => ok, timeout, what);
}
