using System.Globalization;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>CPU over one measured window: per process in % of one core, the whole machine, and everyone else.</summary>
public sealed record CpuWindow((string Name, double Percent)[] Processes, double MachinePercent, double OtherPercent, int Cores)
{
    /// <summary>The line printed per phase; with a delivery rate, also each process's CPU per delivery.</summary>
    public string Describe(double deliveriesPerSecond)
    {
        var ci = CultureInfo.InvariantCulture;
        var parts = Processes.Select(p => string.Create(ci, $"{p.Name} {p.Percent:0}%"));
        var line = string.Create(ci, $"cpu: {string.Join(" ", parts)} | machine {MachinePercent:0}% of {Cores} cores busy, of which other processes {OtherPercent:0}%");
        if (deliveriesPerSecond <= 0) return line;
        // % of a core / deliveries per second = core-seconds per delivery; 1e4 turns % into µs.
        var perDelivery = Processes.Select(p => string.Create(ci, $"{p.Name} {p.Percent * 1e4 / deliveriesPerSecond:0.0}"));
        return line + Environment.NewLine + "cpu µs per delivery: " + string.Join(" ", perDelivery);
    }
}
