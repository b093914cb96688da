using System.Globalization;
using StackExchange.Redis;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// What an idle consumer costs: XREADGROUP calls per second seen by Redis (INFO commandstats, so every reader in
/// the process is counted) and CPU, over a window in which nothing is published.
/// </summary>
public sealed class IdleProbe(string redis, int? redisPid)
{
    public async Task<(double ReadsPerSecond, double CpuSelf, double CpuRedis, double CpuOthers)> MeasureAsync(double seconds, CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(redis);
        configuration.AllowAdmin = true; // INFO goes through IServer
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken).ConfigureAwait(false);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var cpu = new CpuMeter(redisPid);
        var before = await ReadCallsAsync(server).ConfigureAwait(false);
        cpu.Start();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        var (self, redisCpu, others) = cpu.Stop();
        var after = await ReadCallsAsync(server).ConfigureAwait(false);
        return ((after - before) / seconds, self, redisCpu, others);
    }

    private static async Task<long> ReadCallsAsync(IServer server)
    {
        var info = await server.InfoRawAsync("commandstats").ConfigureAwait(false) ?? "";
        // cmdstat_xreadgroup:calls=123,usec=...
        var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("cmdstat_xreadgroup:", StringComparison.Ordinal));
        if (line is null) return 0;
        var calls = line["cmdstat_xreadgroup:calls=".Length..line.IndexOf(',', StringComparison.Ordinal)];
        return long.Parse(calls, CultureInfo.InvariantCulture);
    }
}
