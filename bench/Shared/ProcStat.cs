using System.Globalization;

namespace GridTokenX.Bench;

/// <summary>CPU ticks from /proc, shared by the bench tools (compiled into each as a linked file).</summary>
internal static class ProcStat
{
    /// <summary>utime + stime of a process (the 12th and 13th fields after the command name); 0 once it is gone.</summary>
    public static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Busy and total ticks of the whole machine, every process included.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = f[0] + f[1] + f[2] + f[5] + f[6];
        return (busy, busy + f[3] + f[4]);
    }
}
