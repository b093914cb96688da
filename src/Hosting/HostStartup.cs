using GridTokenX.Grains.Abstractions.Configuration;
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
            await WriteInvalidAsync(ex.Failures);
            return 2;
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Start-up validation reports every failing section at once.
            await WriteInvalidAsync(ex.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
            return 2;
        }
        catch (InvalidOperationException ex) when (OptionsBinding.DescribeConversionFailure(ex) is { } failure)
        {
            // A section bound without OptionsBinding (Orleans' own options); the binder's message would quote the value.
            await WriteInvalidAsync([failure]);
            return 2;
        }
        catch (Orleans.Runtime.OrleansConfigurationException ex)
        {
            // Orleans' providers validate their own options (e.g. the event streams' GridTokenX:Streams:*).
            await WriteInvalidAsync([ex.Message]);
            return 2;
        }
        catch (RedisConnectionException ex)
        {
            await Console.Error.WriteLineAsync(
                $"Cannot start the {processName}: Redis is unreachable ({ex.FailureType}). Check GridTokenX:Redis:ConnectionString and that Redis is running.");
            return 3;
        }
    }

    private static Task WriteInvalidAsync(IEnumerable<string> failures) =>
        Console.Error.WriteLineAsync("Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Select(f => "  - " + f)));
}
