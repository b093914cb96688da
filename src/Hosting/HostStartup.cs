using GridTokenX.Hosting.Settings;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridTokenX.Hosting;

/// <summary>
/// Runs a host and turns the ways it can fail to start into one line on stderr and an exit code, instead of a stack
/// trace: 2 for a bad setting (the message names the key), 3 when Redis cannot be reached.
/// </summary>
public static class HostStartup
{
    public static async Task<int> RunAsync(string processName, Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (InvalidSettingsException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, ex.Failures.Select(f => "  - " + f)));
            return 2;
        }
        catch (RedisConnectionException ex)
        {
            await Console.Error.WriteLineAsync(
                $"Cannot start the {processName}: Redis is unreachable ({ex.FailureType}). Check GridTokenX:Redis:ConnectionString and that Redis is running.");
            return 3;
        }
    }
}
