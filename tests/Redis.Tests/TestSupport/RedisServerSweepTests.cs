using System.Diagnostics;
using GridTokenX.TestSupport;

namespace GridTokenX.Redis.Tests.TestSupport;

/// <summary>The fixture's clean-up after a test process that died without disposing its servers.</summary>
public sealed class RedisServerSweepTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("gtx-sweep-");

    [Fact]
    public async Task A_server_whose_test_process_is_gone_is_stopped_and_its_data_removed()
    {
        var deadOwner = DeadProcessId();
        await using var orphan = await RedisServer.StartInAsync(_parent.FullName, deadOwner);
        await using var kept = await RedisServer.StartInAsync(_parent.FullName, Environment.ProcessId);

        Assert.Equal(1, RedisServer.SweepOrphans(_parent.FullName));

        await Eventually.Until(() => Task.FromResult(!IsRunning(orphan.ProcessId)), TimeSpan.FromSeconds(10), "the orphaned redis-server to exit");
        Assert.DoesNotContain(_parent.EnumerateDirectories(), d => d.Name.StartsWith($"gtx-redis-{deadOwner}-", StringComparison.Ordinal));
        // The live test process' server is left alone and still answers.
        Assert.True(IsRunning(kept.ProcessId));
        await using var connection = await kept.ConnectAsync();
        await connection.GetDatabase().PingAsync();
    }

    public void Dispose() => _parent.Delete(recursive: true);

    private static int DeadProcessId()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        return gone.Id;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
