using System.Diagnostics;
using DurableObjects.AI.Contracts;
using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Sandbox.Testing;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The verifiable gates, in order: <c>compile</c>, <c>policy</c> (the sandbox permit-list, semantic and IL),
/// <c>api-contract</c> (current API kept unless the plan declared the break; for a creation <c>planned-api</c>),
/// <c>kept-tests</c> (the current version's tests, as stored, pass against the candidate; see <see cref="KeptTestsGate"/>),
/// <c>tests</c> (every test of the candidate passes) and <c>mutation</c> (the candidate's tests fail on broken copies of
/// the code they cover; see <see cref="MutationGate"/>). No model is involved and no candidate code executes in the
/// host: compiled assemblies are only ever loaded by runner processes. A successful compile is cached and a passing
/// candidate's runner stays in the pool, so the commit and deploy of the accepted candidate reuse both (a runner nobody
/// deploys stops when idle); the kept tests and the mutants run in one further runner process per candidate, stopped
/// when the check ends.
/// </summary>
public sealed class SandboxGates(ArtifactCache artifacts, RunnerPool runners, CheckRunners checks, ObjectCompiler compiler, VersionStore versions)
{
    public const string Compile = "compile";
    public const string Policy = "policy";
    public const string Tests = "tests";

    public async Task<GateReport> RunAsync(GateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A check's compiles and runner processes want the CPU: the pool's spare refills wait for it to end.
        using var checking = runners.BeginCheck();
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(request.Files));
        var started = Stopwatch.GetTimestamp();
        var artifact = await artifacts.CompileAsync(request.ObjectName, hash, request.Files, cancellationToken);
        var compileMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!artifact.Success)
        {
            return new GateReport(CompileFailures(artifact.Errors), hash, null) { CompileMs = compileMs };
        }

        var gates = new List<GateResult> { GateResult.Pass(Compile, "compiles"), GateResult.Pass(Policy, "obeys the sandbox policy") };
        GateReport Report(double testsMs = 0, double mutationMs = 0) =>
            new(gates, hash, artifact.ApiSchemaJson) { CompileMs = compileMs, TestsMs = testsMs, MutationMs = mutationMs };
        var contract = ContractGate(request, artifact.ApiSchemaJson);
        if (contract is not null)
        {
            gates.Add(contract);
            if (!contract.Passed)
            {
                return Report();
            }
        }

        started = Stopwatch.GetTimestamp();
        var kept = request.KeptTestsVersion is { } number ? await LoadKeptAsync(request.ObjectName, number, cancellationToken) : null;
        var candidateTests = TestSources.Find(request.Files);
        var changes = KeptTestChanges.Compare(kept?.Shape, candidateTests);
        await using var checker = checks.Acquire(CandidateDeployment(request.ObjectName, artifact));
        if (kept is not null)
        {
            var keptGate = await KeptTestsGate.CheckAsync(request.ObjectName, kept, request.Files, changes, request.Plan?.TestChanges ?? [],
                compiler, checker, runners.Options.TestTimeout, cancellationToken);
            gates.Add(keptGate);
            if (!keptGate.Passed)
            {
                return Report(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var testsStarted = Stopwatch.GetTimestamp();
        var testsGate = await TestGateAsync(artifact, checker, cancellationToken);
        var testsDuration = Stopwatch.GetElapsedTime(testsStarted);
        gates.Add(testsGate);
        var testsMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!testsGate.Passed)
        {
            return Report(testsMs);
        }

        started = Stopwatch.GetTimestamp();
        gates.Add(await MutationGate.CheckAsync(request.ObjectName, request.Files, kept?.Files, candidateTests, changes, request.Mutation,
            compiler, checker, MutantTimeout(testsDuration), cancellationToken));
        return Report(testsMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The activity slots of the API contract, kept-tests and mutation gates.</summary>
    public const string Contract = "contract";
    public const string Kept = "kept-tests";
    public const string Mutation = "mutation";

    /// <summary>The gates an orchestration fans out, in report order.</summary>
    public static IReadOnlyList<string> Fanned { get; } = [Compile, Contract, Kept, Tests, Mutation];

    /// <summary>
    /// The gates one at a time, for an orchestration that runs each as its own activity in fan-out: <c>compile</c>
    /// (compile and policy), <c>contract</c> (API contract, or the planned API of a creation), <c>kept-tests</c>,
    /// <c>tests</c> and <c>mutation</c>. Each compiles through the artifact cache (one compile per content, however many
    /// gates ask); a gate that needs a compiled candidate reports nothing when it does not compile (the compile gate
    /// says why), and a gate with nothing to check (no kept tests in a creation) reports nothing. The tests,
    /// kept-tests and mutation gates share one runner process per candidate (<see cref="CheckRunners"/>), started only
    /// when something is sent; it stays for the deploy when the candidate's tests pass, else it stops when they are done.
    /// </summary>
    public async Task<GateReport> RunOneAsync(string gate, GateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var checking = runners.BeginCheck();
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(request.Files));
        var started = Stopwatch.GetTimestamp();
        var artifact = await artifacts.CompileAsync(request.ObjectName, hash, request.Files, cancellationToken);
        var compileMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!artifact.Success)
        {
            return gate == Compile
                ? new GateReport(CompileFailures(artifact.Errors), hash, null) { CompileMs = compileMs }
                : new GateReport([], hash, null);
        }
        // The candidate's API travels once, with the compile gate's report (Merge keeps the first): every gate's result
        // is journaled by the engine and passed on to the decision, and the API is the bulk of a report.
        GateReport Report(IReadOnlyList<GateResult> gates) => new(gates, hash, gate == Compile ? artifact.ApiSchemaJson : null);
        started = Stopwatch.GetTimestamp();
        switch (gate)
        {
            case Compile:
                return Report([GateResult.Pass(Compile, "compiles"), GateResult.Pass(Policy, "obeys the sandbox policy")]) with { CompileMs = compileMs };
            case Contract:
                return Report(ContractGate(request, artifact.ApiSchemaJson) is { } contract ? [contract] : []);
            case Tests:
                await using (var checker = checks.Acquire(CandidateDeployment(request.ObjectName, artifact)))
                {
                    var tests = await TestGateAsync(artifact, checker, cancellationToken);
                    return Report([tests]) with { TestsMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
                }
            case Kept:
            case Mutation:
                var kept = request.KeptTestsVersion is { } number ? await LoadKeptAsync(request.ObjectName, number, cancellationToken) : null;
                if (gate == Kept && kept is null)
                {
                    return Report([]);
                }
                var candidateTests = TestSources.Find(request.Files);
                var changes = KeptTestChanges.Compare(kept?.Shape, candidateTests);
                // Both gates lease the candidate's one checking process, the tests gate's (it starts only when something is
                // sent, so a gate that finds nothing to run starts none); their builds take turns in it.
                await using (var checker = checks.Acquire(CandidateDeployment(request.ObjectName, artifact)))
                {
                    var result = gate == Kept
                        ? await KeptTestsGate.CheckAsync(request.ObjectName, kept!, request.Files, changes, request.Plan?.TestChanges ?? [],
                            compiler, checker, runners.Options.TestTimeout, cancellationToken)
                        : await MutationGate.CheckAsync(request.ObjectName, request.Files, kept?.Files, candidateTests, changes, request.Mutation,
                            compiler, checker, MutantTimeout(TimeSpan.Zero), cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return gate == Kept ? Report([result]) with { TestsMs = elapsed } : Report([result]) with { MutationMs = elapsed };
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(gate), gate, "Unknown gate.");
        }
    }

    /// <summary>
    /// Starts the compile every gate of <paramref name="request"/> begins by waiting for (the artifact cache's one
    /// compile per content), without waiting for it: called when the candidate is generated, so the compile runs during
    /// the engine's hop to the gates. A compile error is left for the compile gate to report.
    /// </summary>
    public void StartCompile(GateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        artifacts.StartCompile(request.ObjectName, SourceFiles.HashVersion(SourceFiles.ToRefs(request.Files)), request.Files);
    }

    /// <summary>Merges the per-gate reports of one candidate into one, in gate order.</summary>
    public static GateReport Merge(IReadOnlyList<GateReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var first = reports.FirstOrDefault(r => r.CandidateApiJson is not null) ?? reports[0];
        return new GateReport(reports.SelectMany(r => r.Gates).ToList(), first.ContentHash, first.CandidateApiJson)
        {
            CompileMs = reports.Max(r => r.CompileMs),
            TestsMs = reports.Max(r => r.TestsMs),
            MutationMs = reports.Max(r => r.MutationMs),
        };
    }

    /// <summary>
    /// Checks a version added directly (<c>POST /versions</c>, the CLI), without a run: it may add tests, but the
    /// current version's kept tests must pass against it as stored, and it may not change or remove any (that is a
    /// declared act, through a run whose plan names the change and a person approves). Null when it may be added;
    /// otherwise a 409 (kept tests changed) or a 422 naming the failing kept tests. Code that does not compile is left
    /// to the caller to refuse with its diagnostics.
    /// </summary>
    public async Task<OperationError?> CheckDirectVersionAsync(string objectName, int currentVersion, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        var kept = await LoadKeptAsync(objectName, currentVersion, cancellationToken);
        if (kept?.Shape is not { Tests.Count: > 0 })
        {
            return null;
        }
        var changes = KeptTestChanges.Compare(kept.Shape, TestSources.Find(files));
        if (changes.Touched.Any())
        {
            return new OperationError(ErrorKind.Conflict,
                $"The new version changes or removes kept tests of version {currentVersion}. Kept tests change only through a run whose plan " +
                "declares the change and that another person approves (POST /api/objects/{name}/modifications).",
                new Dictionary<string, string[]> { ["tests"] = [.. changes.Changed.Select(t => $"changed: {t}").Concat(changes.Removed.Select(t => $"removed: {t}"))] });
        }
        // Compiled, not cached: a version refused later (by validation, or here) leaves storage exactly as it was.
        var build = await ScratchBuild.CompileAsync(compiler, objectName, files, cancellationToken);
        if (!build.Success || build.Assembly is null || build.Api is null)
        {
            return null;
        }
        await using var checker = checks.Acquire(new RunnerDeployment(CheckKey(objectName, build.ContentHash), build.Assembly, build.Api.ClassName, build.Api.TestClass));
        var gate = await KeptTestsGate.CheckAsync(objectName, kept, files, changes, [], compiler, checker, runners.Options.TestTimeout, cancellationToken);
        return gate.Passed ? null : new OperationError(ErrorKind.Unprocessable, $"Refused: {gate.Details}.",
            new Dictionary<string, string[]> { ["tests"] = [.. gate.Diagnostics] });
    }

    private async Task<KeptTests?> LoadKeptAsync(string objectName, int version, CancellationToken cancellationToken)
    {
        var stored = await versions.GetAsync(ObjectName.ToKey(objectName), version, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var files = await versions.ReadFilesAsync(stored, cancellationToken);
        return new KeptTests(version, files, TestSources.Find(files));
    }

    // A direct version's kept tests run in a process of their own, never one a deploy could pick up.
    private static RunnerKey CheckKey(string objectName, string hash) => new(ObjectName.ToKey(objectName), hash + "-check");

    // Long enough for honest tests (several times what the candidate's own run took), short enough that a mutant
    // looping forever costs little; a mutant that times out counts as caught.
    private TimeSpan MutantTimeout(TimeSpan testsTook) =>
        TimeSpan.FromTicks(Math.Min(runners.Options.TestTimeout.Ticks, (TimeSpan.FromSeconds(1) + testsTook * 4).Ticks));

    private static List<GateResult> CompileFailures(IReadOnlyList<string> errors)
    {
        var policy = errors.Where(IsPolicyFinding).ToList();
        var compile = errors.Where(e => !IsPolicyFinding(e)).ToList();
        return
        [
            compile.Count == 0 ? GateResult.Pass(Compile, "compiles") : GateResult.Fail(Compile, $"{compile.Count} compiler error(s)", compile.Take(20).ToList()),
            policy.Count == 0 ? GateResult.Pass(Policy, "obeys the sandbox policy") : GateResult.Fail(Policy, $"{policy.Count} sandbox policy violation(s)", policy.Take(20).ToList()),
        ];
    }

    private static bool IsPolicyFinding(string error) =>
        error.Contains(CompilerDiagnostic.PolicyViolationId, StringComparison.Ordinal) || error.Contains(CompilerDiagnostic.IlPolicyViolationId, StringComparison.Ordinal);

    private static GateResult? ContractGate(GateRequest request, string? candidateApiJson)
    {
        var candidate = ApiSchemaMapper.FromJson(candidateApiJson);
        if (candidate is null)
        {
            return GateResult.Fail(ApiContractGate.Name, "the candidate's API could not be derived");
        }
        if (ApiSchemaMapper.FromJson(request.CurrentApiJson) is { } current)
        {
            return ApiContractGate.Check(current, candidate, request.Plan);
        }
        return request.PlannedApi is { } planned ? ApiContractGate.CheckPlannedApi(planned, candidate) : null;
    }

    /// <summary>
    /// The candidate's own tests, in the candidate's checking runner: the pool's runner for its content, which a deploy
    /// of the candidate reuses when they pass (<see cref="CheckRunner.Keep"/>), so a passing candidate is deployed
    /// without starting another process; a failing one's process stops when its gates end.
    /// </summary>
    private static async Task<GateResult> TestGateAsync(CompiledArtifact artifact, CheckRunner checker, CancellationToken cancellationToken)
    {
        if (artifact.TestClass is null)
        {
            return GateResult.Fail(Tests, "the candidate ships no tests; add one public class whose name ends in 'Tests'");
        }
        var result = await RunTestsAsync(checker, cancellationToken);
        if (result.Passed)
        {
            checker.Keep();
        }
        return result;
    }

    private static RunnerDeployment CandidateDeployment(string objectName, CompiledArtifact artifact) =>
        new(CheckRunners.CandidateKey(objectName, artifact.ContentHash), artifact.Assembly!, artifact.ApiClass!, artifact.TestClass);

    private static async Task<GateResult> RunTestsAsync(CheckRunner checker, CancellationToken cancellationToken)
    {
        var outcome = await checker.RunCandidateTestsAsync(cancellationToken);
        if (outcome.Failure is { } broken)
        {
            return GateResult.Fail(Tests, $"the tests could not run: {broken.Status}", [broken.Message ?? broken.Status.ToString()]);
        }
        var failed = outcome.Tests.Where(t => !t.Passed).Select(t => $"{t.Name}: {t.Message}").ToList();
        return failed.Count == 0
            ? GateResult.Pass(Tests, $"{outcome.Tests.Count} test(s) passed in the sandbox", outcome.Tests.Select(t => t.Name).ToList())
            : GateResult.Fail(Tests, $"{failed.Count} of {outcome.Tests.Count} test(s) failed in the sandbox", failed);
    }
}
