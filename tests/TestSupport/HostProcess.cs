using System.Collections.Concurrent;
using System.Diagnostics;

namespace GridTokenX.TestSupport;

/// <summary>A real host process (silo or API host) started with `dotnet exec`, its output kept for failure messages.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private Action<string>? _onLine;

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Output => string.Join(Environment.NewLine, _output);

    public static HostProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(name, dll, environment, onLine: null, args);

    /// <summary>As above; <paramref name="onLine"/> sees every output line as it arrives (before any is dropped from <see cref="Output"/>).</summary>
    public static HostProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, Action<string>? onLine,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var host = new HostProcess(name, process) { _onLine = onLine };
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: no shutdown hooks run, exactly like a crash.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await term!.WaitForExitAsync();
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit by itself (and for its output to be fully read); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _onLine?.Invoke(line);
        _output.Enqueue(line);
        while (_output.Count > 2000) _output.TryDequeue(out _);
    }
}
