using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using AiFile = DurableObjects.AI.Schemas.SourceFile;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The work of a modification's activities: context (the current version), plan, generate (or take the supplied
/// code), what the gates and judges check, commit, deploy. The planner and generator are resolved when first needed,
/// so manual modifications work with no model configured.
/// </summary>
public sealed class ModificationPipeline(IServiceProvider services, ObjectService objects, DeploymentService deployments, VersionStore versions)
{
    /// <summary>
    /// The run's basis: the object's current version as stored now. A request that names the version its change was
    /// made from (<see cref="RunRequest.BaseVersion"/>) fails here when that is no longer it (the object moved between
    /// the start and this step), before anything is evaluated; the commit checks the same basis again.
    /// </summary>
    public async Task<RunBasis> LoadBasisAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var key = ObjectName.ToKey(request.ObjectName);
        var info = await objects.GetAsync(key, cancellationToken)
            ?? throw new RunStoppedException(RunStatus.Failed, $"No object named '{key}'.");
        if (request.BaseVersion is { } made && VersionBasis.Check(info, info.LatestVersion, made) is { } moved)
        {
            throw new RunStoppedException(RunStatus.Failed, moved.Message);
        }
        var version = await versions.GetAsync(key, info.CurrentVersion, cancellationToken)
            ?? throw new RunStoppedException(RunStatus.Failed, $"Object '{info.Name}' has no current version.");
        return new RunBasis(version.Number, await versions.ReadFilesAsync(version, cancellationToken), version.ApiSchema);
    }

    public async Task<CodePlan> PlanAsync(RunRequest request, RunBasis basis, UsageLedger ledger, CancellationToken cancellationToken) =>
        request.IsManual
            ? ManualCandidate.Plan(request.Summary)
            : (await services.GetRequiredService<CodePlanner>().PlanModificationAsync(
                request.Prompt!, CurrentFiles(basis), ApiSchemaMapper.FromJson(basis.ApiSchemaJson), ledger, cancellationToken)).Value;

    public async Task<CodeCandidate> GenerateAsync(
        RunRequest request, CodePlan plan, RunBasis basis, string? feedback, UsageLedger ledger, CancellationToken cancellationToken) =>
        request.IsManual
            ? ManualCandidate.From(request.Files!, request.Summary)
            : (await services.GetRequiredService<CodeGenerator>().GenerateAsync(
                request.Prompt!, plan, CurrentFiles(basis), feedback, ledger, cancellationToken)).Value;

    /// <summary>What the gates check: the candidate against the basis's API, and the basis's kept tests as stored.</summary>
    public static GateRequest GateRequest(RunRequest request, RunBasis basis, CodePlan plan, CodeCandidate candidate, EffectivePolicy policy) =>
        new(request.ObjectName, Files(candidate), basis.ApiSchemaJson, plan, null) { KeptTestsVersion = basis.Version, Mutation = policy.Mutation };

    public static JudgeInput JudgeInput(RunRequest request, RunBasis basis, CodeCandidate candidate) => new()
    {
        Request = request.IsManual ? request.Summary ?? "Manual change" : request.Prompt!,
        OriginalFiles = CurrentFiles(basis),
        Candidate = candidate,
        CurrentApi = ApiSchemaMapper.FromJson(basis.ApiSchemaJson),
    };

    /// <summary>
    /// Adds the accepted candidate as a new version, once: a commit that happened before a crash is adopted (and its
    /// <c>version.added</c> event recorded, should that crash have come first). Only on top of
    /// <paramref name="basisVersion"/>, the version the run planned, generated and checked against: when another
    /// version was added meanwhile (or the object was rolled back), the object refuses it and the run fails saying so,
    /// rather than silently undo a change it never saw. A version found stored by an earlier delivery is the run's only
    /// while it stands: when the object now lists it but an older version is current (a rollback was committed before
    /// its pointing, or was made from it since), the run fails saying so instead of going on — to deploy, to report
    /// success — as though it were current (<see cref="VersionBasis.NotCurrentAsync"/>; the object row is read for that on
    /// this path only).
    /// </summary>
    public async Task<CommitResult> CommitAsync(string runId, RunRequest request, CodeCandidate candidate, int basisVersion, CancellationToken cancellationToken)
    {
        var key = ObjectName.ToKey(request.ObjectName);
        var marker = RunMarker(runId);
        // Looked for before the basis is checked: this run's own version is what moved the object past its basis.
        var page = await versions.ListAsync(key, 20, null, cancellationToken);
        if (page.Items.FirstOrDefault(v => v.Summary.EndsWith(marker, StringComparison.Ordinal)) is { } earlier)
        {
            await objects.RecordVersionAddedAsync(earlier, request.Actor);
            // The page holds every version after the run's own (it is among the newest): the walk reads no more rows.
            Task<VersionInfo?> Read(int number) => page.Items.FirstOrDefault(v => v.Number == number) is { } listed
                ? Task.FromResult<VersionInfo?>(listed)
                : versions.GetAsync(key, number, cancellationToken);
            if (await objects.GetRowAsync(request.ObjectName, cancellationToken) is { } info && await VersionBasis.NotCurrentAsync(info, earlier, Read) is { } notCurrent)
            {
                throw new RunStoppedException(RunStatus.Failed, "The new version is not current: " + notCurrent.Message);
            }
            return new CommitResult(earlier.Number, earlier.ContentHash, true);
        }
        var summary = Truncate(candidate.Summary, 500) + " " + marker;
        // The run's id as the version's write id: should this run's own insert land after the look above (a late write
        // of an earlier delivery), the object finds it by that id and adopts it instead of refusing it as another's.
        var outcome = await objects.AddVersionAsync(key, new NewVersion(Files(candidate), summary, BaseVersion: basisVersion, WriteId: runId), request.Actor);
        return outcome.Value is { } version
            ? new CommitResult(version.Number, version.ContentHash, false)
            : throw new RunStoppedException(RunStatus.Failed, $"The object refused the new version: {outcome.Error!.Message}");
    }

    /// <summary>Deploys the run's committed version; its audit event is recorded once per run and version, however often
    /// the deploy is delivered (<see cref="DeploymentService.RunWriteId"/>).</summary>
    public async Task<DeployResult> DeployAsync(string runId, RunRequest request, int version, string? environment)
    {
        var key = ObjectName.ToKey(request.ObjectName);
        var outcome = await deployments.DeployAsync(key, new DeployRequest(version, environment), request.Actor, DeploymentService.RunWriteId(runId, version));
        // The result names where it went even when the policy named no environment, so a reader need not know the default.
        var where = deployments.EnvironmentOrDefault(environment);
        return outcome.Succeeded
            ? new DeployResult(true, where, null, [])
            : new DeployResult(false, where, outcome.Error!.Message, outcome.Error.Fields?.SelectMany(f => f.Value).Take(10).ToList() ?? []);
    }

    /// <summary>The suffix a run puts on the summary of the version it commits (how a resumed run finds its commit).</summary>
    public static string RunMarker(string runId) => $"[run {runId}]";

    /// <summary>The files of a version made from a candidate: sources plus tests (kept as regression tests).</summary>
    public static IReadOnlyDictionary<string, string> Files(CodeCandidate candidate) =>
        candidate.Files.Concat(candidate.Tests).GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Content, StringComparer.Ordinal);

    private static List<AiFile> CurrentFiles(RunBasis basis) => basis.Files.Select(f => AiFile.Of(f.Key, f.Value)).ToList();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
