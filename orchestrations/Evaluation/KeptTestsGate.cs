using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Sandbox.Testing;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The <c>kept-tests</c> gate: the current version's tests are the reference. They are taken as stored (never from
/// the candidate), built with the candidate's code and run in a runner process. A kept test the candidate changes or
/// removes fails the gate unless the plan declares it (<see cref="CodePlan.TestChanges"/>); a declared one is left out
/// of the reference run, listed, and sets <see cref="GateResult.ApprovalReason"/>: a person must approve the run.
/// </summary>
public static class KeptTestsGate
{
    public const string Name = "kept-tests";

    public static async Task<GateResult> CheckAsync(
        string objectName, KeptTests kept, IReadOnlyDictionary<string, string> candidateFiles, KeptTestChanges changes,
        IReadOnlyList<TestChangeDeclaration> declared, ObjectCompiler compiler, CheckRunner runner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (kept.Shape is not { Tests.Count: > 0 } shape)
        {
            return GateResult.Pass(Name, $"version {kept.Version} keeps no tests");
        }
        var reasons = declared.GroupBy(d => d.Test, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Reason, StringComparer.Ordinal);
        var undeclared = changes.Touched.Where(t => !reasons.ContainsKey(t)).ToList();
        if (undeclared.Count > 0)
        {
            var named = undeclared.Select(t => $"{(changes.Removed.Contains(t) ? "removed" : "changed")}: {t}").ToList();
            return GateResult.Fail(Name,
                $"kept test(s) of version {kept.Version} changed or removed without being declared ({string.Join(", ", named)}); kept tests are the " +
                "reference and change only when the plan names them (an intended behaviour or API change), with a person's approval",
                named);
        }

        var excluded = changes.Touched.ToHashSet(StringComparer.Ordinal);
        var approval = excluded.Count == 0 ? null
            : $"kept test(s) changed as the plan declares: {string.Join("; ", excluded.Order(StringComparer.Ordinal).Select(t => $"{t} ({(changes.Removed.Contains(t) ? "removed" : "changed")}: {reasons[t]})"))}";
        var reference = shape.Tests.Keys.Where(t => !excluded.Contains(t)).ToList();
        if (reference.Count == 0)
        {
            return GateResult.Pass(Name, "every kept test was changed as declared; none left to run") with { ApprovalReason = approval };
        }

        TestRunOutcome outcome;
        if (excluded.Count == 0 && runner.Candidate.TestClass is not null && TestSources.KeepsTestsAsStored(candidateFiles, kept.Files))
        {
            // The candidate carries the kept tests as stored: its own build is the reference build, and its tests are the
            // tests gate's run of that build (shared, run once per checking process).
            outcome = await runner.RunCandidateTestsAsync(cancellationToken);
        }
        else
        {
            var scratch = await ScratchBuild.CompileAsync(compiler, objectName, TestSources.ReferenceFiles(candidateFiles, kept.Files, excluded), cancellationToken);
            if (!scratch.Success || scratch.Assembly is null || scratch.Api?.TestClass is null)
            {
                return GateResult.Fail(Name, $"the kept tests of version {kept.Version} do not build against the candidate",
                    [.. scratch.Errors.Select(e => e.ToString()).DefaultIfEmpty("the kept test class was not found in the build").Take(20)]);
            }
            var build = RunnerDeployment.From(objectName, scratch);
            outcome = await runner.RunTestsOfAsync(build.Assembly, build.ApiClass, build.TestClass!, timeout, cancellationToken);
        }
        if (outcome.Failure is { } broken)
        {
            return GateResult.Fail(Name, $"the kept tests could not run against the candidate: {broken.Status}", [broken.Message ?? broken.Status.ToString()]);
        }
        var failed = outcome.Tests.Where(t => !t.Passed).Select(t => $"{t.Name}: {t.Message}").ToList();
        return failed.Count > 0
            ? GateResult.Fail(Name, $"{failed.Count} of {outcome.Tests.Count} kept test(s) of version {kept.Version} fail against the candidate " +
                                    $"({string.Join(", ", outcome.Tests.Where(t => !t.Passed).Select(t => t.Name))})", failed)
            : GateResult.Pass(Name, $"{outcome.Tests.Count} kept test(s) of version {kept.Version} pass against the candidate, as stored",
                [.. outcome.Tests.Select(t => t.Name)]) with { ApprovalReason = approval };
    }
}
