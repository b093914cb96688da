using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Hosting;
using GridTokenX.Grains.Hosting;
using Microsoft.Extensions.Options;

if (args.Length > 0 && args[0] == IssueTokenCommand.Name)
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return IssueTokenCommand.Run(args[1..], configuration, Console.Out, Console.Error);
}

try
{
    await ApiApplication.Build(args).RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidSettingsException or OptionsValidationException)
{
    // A bad setting stops the process with the keys to fix, not a stack trace.
    await Console.Error.WriteLineAsync(ex is OptionsValidationException o
        ? "Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, o.Failures.Select(f => "  - " + f))
        : ex.Message);
    return 2;
}
catch (StackExchange.Redis.RedisConnectionException ex)
{
    // Redis unreachable at start-up: say which setting to check instead of dying with a stack trace.
    await Console.Error.WriteLineAsync(
        $"Cannot start the API host: Redis is unreachable ({ex.FailureType}). Check GridTokenX:Redis:ConnectionString and that Redis is running.");
    return 3;
}
