using GridTokenX.Bench.FanoutClient;

FanoutOptions options;
try
{
    options = FanoutOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message == FanoutOptions.Usage ? ex.Message : ex.Message + Environment.NewLine + FanoutOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await FanoutRun.RunAsync(options, stop.Token);
