using System.Diagnostics;
using DurableObjects.AI.Contracts;
using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The verifiable gates, in order: <c>compile</c>, <c>policy</c> (the sandbox permit-list, semantic and IL),
/// <c>api-contract</c> (current API kept unless the plan declared the break; for a creation <c>planned-api</c>), and
/// <c>tests</c> (the existing tests must still be present, and every test of the candidate must pass in a sandbox
/// runner process). No model is involved and no candidate code executes in the host: the compiled assembly is only
/// ever loaded by a runner. A successful compile is cached and a passing candidate's runner stays in the pool, so the
/// commit and deploy of the accepted candidate reuse both (a runner nobody deploys stops when idle).
/// </summary>
public sealed class SandboxGates(ArtifactCache artifacts, RunnerPool runners)
{
    public const string Compile = "compile";
    public const string Policy = "policy";
    public const string Tests = "tests";

    /// <summary>The activity slot of the API contract gate (its result is named <c>api-contract</c> or <c>planned-api</c>).</summary>
    public const string Contract = "contract";

    /// <summary>The gates an orchestration fans out, in report order.</summary>
    public static IReadOnlyList<string> Fanned { get; } = [Compile, Contract, Tests];

    public async Task<GateReport> RunAsync(GateRequest request, CancellationToken cancellationToken)
    {
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(request.Files));
        var started = Stopwatch.GetTimestamp();
        var artifact = await artifacts.CompileAsync(request.ObjectName, hash, request.Files, cancellationToken);
        var compileMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!artifact.Success)
        {
            return new GateReport(CompileFailures(artifact.Errors), hash, null) { CompileMs = compileMs };
        }

        var gates = new List<GateResult> { GateResult.Pass(Compile, "compiles"), GateResult.Pass(Policy, "obeys the sandbox policy") };
        var contract = ContractGate(request, artifact.ApiSchemaJson);
        if (contract is not null)
        {
            gates.Add(contract);
            if (!contract.Passed)
            {
                return new GateReport(gates, hash, artifact.ApiSchemaJson) { CompileMs = compileMs };
            }
        }
        started = Stopwatch.GetTimestamp();
        gates.Add(await TestGateAsync(request, artifact, cancellationToken));
        return new GateReport(gates, hash, artifact.ApiSchemaJson) { CompileMs = compileMs, TestsMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    /// <summary>
    /// The gates one at a time, for an orchestration that runs each as its own activity in fan-out: <c>compile</c>
    /// (compile and policy), <c>contract</c> (API contract, or the planned API of a creation) and <c>tests</c>.
    /// Each compiles through the artifact cache (one compile per content, however many gates ask); a gate that needs
    /// a compiled candidate reports nothing when it does not compile (the compile gate says why).
    /// </summary>
    public async Task<GateReport> RunOneAsync(string gate, GateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        switch (gate)
        {
            case Compile:
                return new GateReport([GateResult.Pass(Compile, "compiles"), GateResult.Pass(Policy, "obeys the sandbox policy")], hash, artifact.ApiSchemaJson)
                    { CompileMs = compileMs };
            case Contract:
                return new GateReport(ContractGate(request, artifact.ApiSchemaJson) is { } contract ? [contract] : [], hash, artifact.ApiSchemaJson);
            case Tests:
                started = Stopwatch.GetTimestamp();
                var tests = await TestGateAsync(request, artifact, cancellationToken);
                return new GateReport([tests], hash, artifact.ApiSchemaJson) { TestsMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
            default:
                throw new ArgumentOutOfRangeException(nameof(gate), gate, "Unknown gate.");
        }
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
        };
    }

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

    private async Task<GateResult> TestGateAsync(GateRequest request, CompiledArtifact artifact, CancellationToken cancellationToken)
    {
        if (artifact.TestClass is null)
        {
            return GateResult.Fail(Tests, "the candidate ships no tests; add one public class whose name ends in 'Tests'");
        }
        var kept = ApiSchemaMapper.TestNames(artifact.ApiSchemaJson).ToHashSet(StringComparer.Ordinal);
        var dropped = ApiSchemaMapper.TestNames(request.CurrentApiJson).Where(t => !kept.Contains(t)).ToList();
        if (dropped.Count > 0)
        {
            return GateResult.Fail(Tests, $"{dropped.Count} existing test(s) were removed; existing tests are regression tests and must be kept",
                dropped.Select(t => $"missing: {t}").ToList());
        }

        // The runner the deploy of this content would use (same key): a candidate that passes is deployed without
        // starting a second process. One that fails is removed, unless it was already in the pool (then it serves).
        var key = new RunnerKey(ObjectName.ToKey(request.ObjectName), artifact.ContentHash);
        var existed = runners.TryGet(key, out _);
        var client = runners.GetOrAdd(new RunnerDeployment(key, artifact.Assembly!, artifact.ApiClass!, artifact.TestClass));
        var result = await RunTestsAsync(client, cancellationToken);
        if (!result.Passed && !existed)
        {
            await runners.RemoveAsync(key);
        }
        return result;
    }

    private static async Task<GateResult> RunTestsAsync(RunnerClient client, CancellationToken cancellationToken)
    {
        var outcome = await client.RunTestsAsync(cancellationToken);
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
