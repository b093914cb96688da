using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Hosting;
using GridTokenX.Hosting;

if (args.Length > 0 && args[0] == IssueTokenCommand.Name)
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return IssueTokenCommand.Run(args[1..], configuration, Console.Out, Console.Error);
}

return await HostStartup.RunAsync("API host", () => ApiApplication.Build(args).RunAsync());
