using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Accounts;

/// <summary>Says loudly at start when the test faucet is on, so it is never on in production by accident.</summary>
public sealed partial class FaucetWarning(IOptions<FaucetOptions> options, ILogger<FaucetWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var faucet = options.Value;
        if (faucet.Enabled) LogFaucetOn(faucet.Usd, faucet.Kwh);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The accounts faucet is ON (GridTokenX:Accounts:Faucet): an account short of funds gets {Usd} USD and {Kwh} KWH once. For tests and demos only")]
    private partial void LogFaucetOn(decimal usd, decimal kwh);
}
