using System.Diagnostics;
using System.Globalization;
using DurableObjects.AI.Rewards;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Mutation;
using DurableObjects.Sandbox.Testing;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The <c>mutation</c> gate: are the candidate's tests able to fail? It breaks the code the candidate changed, and the
/// code its new or changed tests exercise, in small ways (<see cref="MutantGenerator"/>), builds each mutant under the
/// sandbox policy (its IL check: the candidate, which passed both checks, is what it was made from; callers check only
/// candidates that compiled under the policy) and runs the candidate's tests on it in a runner process. A mutant is
/// caught (killed) when a test fails, throws or times out. The gate fails when a changed method has mutants and none is
/// caught, when a new or changed test catches none of the mutants of the code it exercises (or exercises none of the
/// object's methods: it does not count), or when the share caught is below the threshold. A candidate that ships no
/// tests catches none, so it fails when it changed code that has mutants; those are not built. Bounded by mutant count
/// and a time budget.
/// </summary>
public static class MutationGate
{
    public const string Name = "mutation";

    public static async Task<GateResult> CheckAsync(
        string objectName, IReadOnlyDictionary<string, string> candidateFiles, IReadOnlyDictionary<string, string>? currentFiles,
        TestClassShape? tests, KeptTestChanges changes, MutationSettings settings, ObjectCompiler compiler, CheckRunner runner,
        TimeSpan perMutantTimeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var newTests = (currentFiles is null ? tests?.Tests.Keys ?? [] : changes.Added.Concat(changes.Changed)).ToList();
        var exercised = newTests.ToDictionary(t => t, t => MutationSites.Named(candidateFiles, tests!.References[t]), StringComparer.Ordinal);
        var changed = MutationSites.Changed(currentFiles, candidateFiles);
        var targets = changed.Concat(exercised.Values.SelectMany(m => m)).Distinct(StringComparer.Ordinal).ToList();
        var idle = newTests.Where(t => exercised[t].Count == 0).Select(t => $"{t}: exercises none of the object's methods, so it cannot fail when they break").ToList();

        var mutants = MutantGenerator.Generate(candidateFiles, targets, Math.Max(0, settings.MaxMutants));
        // A candidate that ships no tests (the tests gate fails it for that) has no test that could fail on a mutant:
        // each survives as surely as if it had been built and run, and building it would cost a compile for nothing.
        var (results, skipped, outOfTime) = tests is null
            ? (mutants.Select(m => new MutantRun(m, false, new HashSet<string>(StringComparer.Ordinal))).ToList(), 0, 0)
            : await RunMutantsAsync(objectName, mutants, tests, settings, compiler, runner, perMutantTimeout, started, cancellationToken);

        var ran = results.Count;
        var killed = results.Count(r => r.Killed);
        var score = ran == 0 ? 1.0 : Math.Round((double)killed / ran, 4);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mutationScore"] = score,
            ["mutants"] = ran,
            ["killed"] = killed,
            ["mutationMs"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds),
        };

        var problems = new List<string>();
        if (tests is null && ran > 0)
        {
            problems.Add("the candidate ships no tests");
        }
        foreach (var method in results.GroupBy(r => r.Mutant.Method).Where(g => g.All(r => !r.Killed)))
        {
            problems.Add($"no test fails when {method.Key} is broken ({string.Join("; ", method.Select(r => r.Mutant.Description))})");
        }
        foreach (var test in newTests.Where(t => exercised[t].Count > 0))
        {
            var relevant = results.Where(r => exercised[test].Contains(r.Mutant.Method)).ToList();
            if (relevant.Count > 0 && relevant.All(r => !r.FailedTests.Contains(test)))
            {
                problems.Add($"{test}: passes on every broken copy of {string.Join(", ", exercised[test])} it exercises, so it does not count");
            }
        }
        problems.AddRange(idle);
        if (ran > 0 && score < settings.Threshold)
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "mutation score {0:0.00} is below the threshold {1:0.00}", score, settings.Threshold));
        }

        var survivors = results.Where(r => !r.Killed).Select(r => $"survived: {r.Mutant.Method} {r.Mutant.Description}");
        var notes = survivors.Concat(skipped > 0 ? [$"{skipped} mutant(s) did not compile and were discarded"] : [])
            .Concat(outOfTime > 0 ? [$"{outOfTime} mutant(s) not run: the {settings.Budget.TotalSeconds:0} s budget was spent"] : []);
        var summary = string.Format(CultureInfo.InvariantCulture, "{0} of {1} mutant(s) of {2} method(s) caught by the tests (score {3:0.00})",
            killed, ran, results.Select(r => r.Mutant.Method).Distinct().Count(), score);
        if (problems.Count > 0)
        {
            return GateResult.Fail(Name, $"the tests do not catch broken code: {problems[0]}", [.. problems.Concat(notes).Take(30)]) with { Metrics = metrics };
        }
        return GateResult.Pass(Name, ran == 0 ? "no changed code to mutate" : summary, [.. notes.Take(30)]) with { Metrics = metrics };
    }

    /// <summary>
    /// Builds the mutants and runs the candidate's tests on each; a mutant is caught when a test fails, throws or times
    /// out. Returns each run mutant's outcome, the mutants that did not build, and those the budget left unbuilt.
    /// </summary>
    private static async Task<(List<MutantRun> Results, int Skipped, int OutOfTime)> RunMutantsAsync(
        string objectName, IReadOnlyList<Mutant> mutants, TestClassShape tests, MutationSettings settings, ObjectCompiler compiler, CheckRunner runner,
        TimeSpan perMutantTimeout, long started, CancellationToken cancellationToken)
    {
        var results = new List<MutantRun>();
        var skipped = 0;
        var outOfTime = 0;
        // Mutants compile ahead, a core's worth at a time, while earlier ones run their tests: compiling is most of
        // the gate's cost, and the runner waits on nothing else. Each build is the same full, policy-checked compile
        // as before; only its order in time changes, so the verdicts do not.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var cores = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        var builds = mutants.Select(mutant => BuildAsync(mutant, started, settings.Budget, objectName, compiler, cores, stop.Token)).ToList();
        try
        {
            foreach (var (mutant, pending) in mutants.Zip(builds))
            {
                var build = await pending;
                if (build is null || Stopwatch.GetElapsedTime(started) > settings.Budget)
                {
                    outOfTime++;
                    continue;
                }
                if (!build.Success || build.Assembly is null || build.Api?.TestClass is null)
                {
                    skipped++;
                    continue;
                }
                var outcome = await runner.RunTestsOfAsync(build.Assembly, build.Api.ClassName, build.Api.TestClass, perMutantTimeout, cancellationToken);
                var failed = outcome.Tests.Where(t => !t.Passed).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                // A run that did not complete (timeout, crash) means the mutant was noticed: every test counts as failing.
                results.Add(new MutantRun(mutant, outcome.Failure is not null || failed.Count > 0,
                    outcome.Failure is not null ? tests.Tests.Keys.ToHashSet(StringComparer.Ordinal) : failed));
            }
        }
        finally
        {
            // Leaving early (cancelled, a runner error): stop the builds still queued and let none run unobserved.
            await stop.CancelAsync();
            await Task.WhenAll(builds.Select(b => b.ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)));
        }
        return (results, skipped, outOfTime);
    }

    /// <summary>A mutant's build once a core is free; null when the budget was spent before its turn (it is not built).</summary>
    private static async Task<CompilationResult?> BuildAsync(Mutant mutant, long started, TimeSpan budget, string objectName, ObjectCompiler compiler,
        SemaphoreSlim cores, CancellationToken cancellationToken)
    {
        await cores.WaitAsync(cancellationToken);
        try
        {
            return Stopwatch.GetElapsedTime(started) > budget
                ? null
                : await ScratchBuild.CompileAsync(compiler, objectName, mutant.Files, cancellationToken, mutant: true);
        }
        finally
        {
            cores.Release();
        }
    }

    /// <summary>One mutant's outcome: caught (a test failed, threw or timed out) or not, and the tests that failed on it.</summary>
    private sealed record MutantRun(Mutant Mutant, bool Killed, IReadOnlySet<string> FailedTests);
}
