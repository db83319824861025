using System.Globalization;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Prints the results: a Markdown table per kind of request, the versions and runs, the recovery after an
/// outage, every distinct error, and the checks.</summary>
public static class LoadReport
{
    public static void Print(LoadState state, TimeSpan elapsed, RunOutcomes runs, LoadChecks checks)
    {
        var stats = state.Stats;
        var final = runs.Final;
        var failures = checks.Failures;
        var thawAt = state.Outage.End.TotalSeconds;
        var recovery = state.Outage.Seconds > 0 && state.WriteSuccesses.Any(t => t >= thawAt) ? state.WriteSuccesses.Where(t => t >= thawAt).Min() - thawAt : double.NaN;
        Console.WriteLine();
        Console.WriteLine($"| kind | ok | throughput (/s) | p50 (ms) | p99 (ms) | errors | 503 (fast-fail) | 503 p99 (ms) |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, s) in stats)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {kind} | {s.Ok} | {s.Ok / elapsed.TotalSeconds:F1} | {s.Percentile(50):F0} | {s.Percentile(99):F0} | {s.Errors} | {s.Unavailable} | {(s.Unavailable == 0 ? "—" : s.UnavailablePercentile(99).ToString("F0", CultureInfo.InvariantCulture))} |"));
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Versions written: {checks.WrittenVersions - 1} (acknowledged {state.Acknowledged.Count}); runs: {state.RunIds.Count} started, {final.Count} finished ({string.Join(", ", final.Values.GroupBy(v => v).Select(g => $"{g.Key} {g.Count()}"))})"));
        if (state.Outage.Seconds > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"First write acknowledged {recovery:F1} s after storage came back."));
        }
        foreach (var (kind, s) in stats)
        {
            foreach (var (what, (count, first, last)) in s.ErrorKinds.OrderByDescending(e => e.Value.Count))
            {
                Console.WriteLine(FormattableString.Invariant($"  {kind} error, {count}x between {first:F1} s and {last:F1} s: {what}"));
            }
        }
        Console.WriteLine(failures.Count == 0 ? "Checks: all passed." : "Checks FAILED:\n  " + string.Join("\n  ", failures));
    }
}
