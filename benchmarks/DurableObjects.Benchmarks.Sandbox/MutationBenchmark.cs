using System.Diagnostics;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Mutation;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Benchmarks.Sandbox;

/// <summary>
/// The mutation gate's work for one candidate, as the host does it: generate the mutants of the changed methods
/// (here: every method of the ~100-line sample, as for a creation), compile each under the sandbox policy, and run the
/// candidate's tests on each in one runner process (the <c>TestAssembly</c> frame, one throwaway load context per
/// mutant). Repeated per round on a fresh runner taken like the gate's; prints per-mutant and per-candidate times.
/// </summary>
internal static class MutationBenchmark
{
    public static async Task RunAsync(int[] mutantCounts, int rounds)
    {
        var compiler = new ObjectCompiler();
        compiler.Warm();
        var files = new Dictionary<string, string> { ["Cart.cs"] = SampleObject.Code };
        var candidate = compiler.Compile(files, new CompileOptions("ShoppingCart"));
        var methods = MutationSites.Changed(null, files);
        var options = new RunnerOptions { IdleTimeout = TimeSpan.Zero };
        foreach (var max in mutantCounts)
        {
            var totals = new List<double>();
            var compiles = new List<double>();
            var runs = new List<double>();
            int generated = 0, built = 0, killed = 0;
            for (var round = 0; round <= rounds; round++)
            {
                // Round 0 warms the JIT of this process and is not counted.
                await using var runner = new RunnerClient(RunnerDeployment.From("cart", candidate), options);
                var started = Stopwatch.GetTimestamp();
                var mutants = MutantGenerator.Generate(files, methods, max);
                int roundBuilt = 0, roundKilled = 0;
                var roundCompiles = new List<double>();
                var roundRuns = new List<double>();
                foreach (var mutant in mutants)
                {
                    var compileStarted = Stopwatch.GetTimestamp();
                    var build = compiler.Compile(mutant.Files, new CompileOptions("ShoppingCart"));
                    roundCompiles.Add(Stopwatch.GetElapsedTime(compileStarted).TotalMilliseconds);
                    if (!build.Success)
                    {
                        continue;
                    }
                    roundBuilt++;
                    var runStarted = Stopwatch.GetTimestamp();
                    var outcome = await runner.RunTestsOfAsync(build.Assembly!, build.Api!.ClassName, build.Api.TestClass!, TimeSpan.FromSeconds(2));
                    roundRuns.Add(Stopwatch.GetElapsedTime(runStarted).TotalMilliseconds);
                    roundKilled += outcome.Failure is not null || outcome.Tests.Any(t => !t.Passed) ? 1 : 0;
                }
                if (round == 0)
                {
                    continue;
                }
                totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                compiles.AddRange(roundCompiles);
                runs.AddRange(roundRuns);
                generated = mutants.Count;
                built = roundBuilt;
                killed = roundKilled;
            }
            totals.Sort();
            compiles.Sort();
            runs.Sort();
            Console.WriteLine($"mutation: max {max} mutants of {methods.Count} methods → {generated} generated, {built} compiled, {killed} caught by the sample's test; " +
                              $"per candidate p50 {Percentile(totals, 0.5):F0} ms (min {totals[0]:F0}, max {totals[^1]:F0}; first run in each includes starting the runner); " +
                              $"per mutant: compile p50 {Percentile(compiles, 0.5):F0} ms, tests in the runner p50 {Percentile(runs, 0.5):F1} ms ({rounds} rounds)");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
