using System.Diagnostics;
using System.Globalization;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>
/// The machine's speed at the moment, measured apart from the system under test: the same fixed work (sorting 2 million
/// numbers and a map of 500,000 inserts and lookups, one thread) timed three times, best taken, in a node process of its
/// own — run in this process, its allocations changed the host's garbage collections in the burst that followed. The
/// machine's speed drifts between minutes by as much as the benchmark's own results do (docs/benchmarks.md, "The
/// machine's two speeds"); printing it beside each phase tells a slower machine from a slower build.
/// </summary>
public static class ReferenceWork
{
    private const string Script = """
        let best = Infinity;
        for (let round = 0; round < 3; round++) {
          const started = process.hrtime.bigint();
          let seed = 12345;
          const numbers = new Float64Array(2000000);
          for (let i = 0; i < numbers.length; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; numbers[i] = seed; }
          numbers.sort();
          const map = new Map();
          for (let i = 0; i < 500000; i++) map.set(numbers[i * 4], i);
          let found = 0;
          for (let i = 0; i < 500000; i++) if (map.has(numbers[i * 4 + 1])) found++;
          best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
        }
        console.log(best.toFixed(0));
        """;

    /// <summary>Milliseconds the work took at best, or null when node could not run it.</summary>
    public static async Task<int?> BestMillisecondsAsync()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        try
        {
            using var node = Process.Start(start)!;
            var output = await node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync();
            return node.ExitCode == 0 && int.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var ms) ? ms : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
