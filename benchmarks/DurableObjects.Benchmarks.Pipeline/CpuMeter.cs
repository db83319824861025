using System.Globalization;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>
/// CPU time spent by the parts of the benchmark on Linux, read from <c>/proc</c>: this process (the host), its runner
/// processes (those still running plus the reaped ones, which the kernel adds to this process's children's time) and
/// Azurite (the node process serving this run's storage). A phase's CPU per run is less sensitive to the machine's
/// speed drifting between runs than its wall time, and says which part to make cheaper; the hypervisor's steal time says
/// when the machine itself was shared. Elsewhere it reads nothing.
/// </summary>
public sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public readonly record struct Sample(double Host, double Runners, double Azurite, double Busy, double Idle, double Steal,
        int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated);

    public static bool Supported => OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    public static Sample Take()
    {
        if (!Supported)
        {
            return default;
        }
        var self = Fields("/proc/self/stat");
        double host = (Ticks(self, 14) + Ticks(self, 15)) / TicksPerSecond;
        double reaped = (Ticks(self, 16) + Ticks(self, 17)) / TicksPerSecond;
        double live = 0;
        double azurite = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var isRunner = command.Contains("DurableObjects.Runner.dll", StringComparison.Ordinal);
                var isAzurite = command.Contains("azurite", StringComparison.Ordinal) && command.Contains("--inMemoryPersistence", StringComparison.Ordinal);
                if (!isRunner && !isAzurite)
                {
                    continue;
                }
                var stat = Fields(Path.Combine(dir, "stat"));
                var cpu = (Ticks(stat, 14) + Ticks(stat, 15)) / TicksPerSecond;
                if (isRunner && Ticks(stat, 4) == Environment.ProcessId)
                {
                    live += cpu;
                }
                else if (isAzurite)
                {
                    azurite += cpu;
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var jiffies = total.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = (jiffies[3] + jiffies[4]) / TicksPerSecond;
        // Time the hypervisor gave to other guests (steal, the eighth column) counts as busy here but ran none of this.
        var steal = jiffies[7] / TicksPerSecond;
        var busy = (jiffies.Sum() - jiffies[3] - jiffies[4] - jiffies[7]) / TicksPerSecond;
        return new Sample(host, reaped + live, azurite, busy, idle, steal,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    }

    /// <summary>One line: CPU seconds per run of each part between two samples, and how busy the machine was.</summary>
    public static string Describe(Sample from, Sample to, int runs)
    {
        if (!Supported || runs == 0)
        {
            return "cpu: not measured (needs Linux /proc)";
        }
        var busy = to.Busy - from.Busy;
        var idle = to.Idle - from.Idle;
        var host = to.Host - from.Host;
        var runners = to.Runners - from.Runners;
        var azurite = to.Azurite - from.Azurite;
        var steal = to.Steal - from.Steal;
        var all = Math.Max(busy + idle + steal, 1e-9);
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu per run (core-s): host {host / runs:0.000}, runner processes {runners / runs:0.000}, Azurite {azurite / runs:0.000}, " +
            $"rest {(busy - host - runners - azurite) / runs:0.000}; all cores busy {100 * busy / all:0}% of the time, " +
            $"taken by the hypervisor (steal) {100 * steal / all:0.0}%; host GC: {to.Gen0 - from.Gen0}/{to.Gen1 - from.Gen1}/{to.Gen2 - from.Gen2} " +
            $"collections (gen 0/1/2), paused {(to.GcPause - from.GcPause).TotalMilliseconds / runs:0.0} ms and allocated " +
            $"{(to.Allocated - from.Allocated) / 1048576.0 / runs:0.0} MiB per run");
    }

    // /proc/<pid>/stat: the command name (field 2) is in parentheses and may hold spaces; fields are numbered from 1.
    private static string[] Fields(string path)
    {
        var text = File.ReadAllText(path);
        var close = text.LastIndexOf(')');
        return [.. text[..(text.IndexOf('(') - 1)].Split(' '), text[(text.IndexOf('(') + 1)..close], .. text[(close + 2)..].Split(' ')];
    }

    private static long Ticks(string[] fields, int number) => long.Parse(fields[number - 1], CultureInfo.InvariantCulture);
}
