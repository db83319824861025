using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
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
/// A modification: context (the current version) → plan → [generate → gates → judges]* → approval → commit (through
/// the object grain) → deploy (through the object grain). The planner and generator are resolved when first needed,
/// so manual modifications work with no model configured.
/// </summary>
public sealed class ModificationPipeline(IServiceProvider services, CandidateLoop loop, ObjectService objects, DeploymentService deployments, VersionStore versions)
{
    public async Task<AcceptedCandidate> EvaluateAsync(RunExecution run, EffectivePolicy policy)
    {
        var request = run.Request;
        var key = ObjectName.ToKey(request.ObjectName);
        var basis = await run.StepAsync("context", 0, (_, ct) => LoadBasisAsync(key, ct));
        var currentFiles = basis.Files.Select(f => AiFile.Of(f.Key, f.Value)).ToList();
        var currentApi = ApiSchemaMapper.FromJson(basis.ApiSchemaJson);
        var plan = await run.StepAsync("plan", 0, async (ledger, ct) => request.IsManual
            ? ManualCandidate.Plan(request.Summary)
            : (await services.GetRequiredService<CodePlanner>().PlanModificationAsync(request.Prompt!, currentFiles, currentApi, ledger, ct)).Value);
        var ask = request.IsManual ? request.Summary ?? "Manual change" : request.Prompt!;
        var spec = new CandidateLoop.Spec(
            request.IsManual ? 1 : policy.MaxIterations,
            policy.Thresholds,
            plan.RoutedChecks(),
            async (feedback, ledger, ct) => request.IsManual
                ? ManualCandidate.From(request.Files!, request.Summary)
                : (await services.GetRequiredService<CodeGenerator>().GenerateAsync(request.Prompt!, plan, currentFiles, feedback, ledger, ct)).Value,
            candidate => new GateRequest(request.ObjectName, Files(candidate), basis.ApiSchemaJson, plan, null),
            candidate => new JudgeInput { Request = ask, OriginalFiles = currentFiles, Candidate = candidate, CurrentApi = currentApi });
        return await loop.RunAsync(run, spec);
    }

    /// <summary>Adds the accepted candidate as a new version, once: a commit that happened before a restart is adopted.</summary>
    public async Task<CommitResult> CommitAsync(RunExecution run, AcceptedCandidate accepted, CancellationToken cancellationToken)
    {
        var key = ObjectName.ToKey(run.Request.ObjectName);
        var marker = RunMarker(run.RunId);
        var page = await versions.ListAsync(key, 20, null, cancellationToken);
        if (page.Items.FirstOrDefault(v => v.Summary.EndsWith(marker, StringComparison.Ordinal)) is { } earlier)
        {
            return new CommitResult(earlier.Number, earlier.ContentHash, true);
        }
        var summary = Truncate(accepted.Candidate.Summary, 500) + " " + marker;
        var outcome = await objects.AddVersionAsync(key, new NewVersion(accepted.VersionFiles(), summary), run.Request.Actor);
        return outcome.Value is { } version
            ? new CommitResult(version.Number, version.ContentHash, false)
            : throw new RunStoppedException(RunStatus.Failed, $"The object refused the new version: {outcome.Error!.Message}");
    }

    public async Task<DeployResult> DeployAsync(RunExecution run, int version, string? environment)
    {
        var key = ObjectName.ToKey(run.Request.ObjectName);
        var outcome = await deployments.DeployAsync(key, new DeployRequest(version, environment), run.Request.Actor);
        return outcome.Succeeded
            ? new DeployResult(true, environment, null, [])
            : new DeployResult(false, environment, outcome.Error!.Message, outcome.Error.Fields?.SelectMany(f => f.Value).Take(10).ToList() ?? []);
    }

    /// <summary>The suffix a run puts on the summary of the version it commits (how a resumed run finds its commit).</summary>
    public static string RunMarker(string runId) => $"[run {runId}]";

    private async Task<RunBasis> LoadBasisAsync(string key, CancellationToken cancellationToken)
    {
        var info = await objects.GetAsync(key, cancellationToken)
            ?? throw new RunStoppedException(RunStatus.Failed, $"No object named '{key}'.");
        var version = await versions.GetAsync(key, info.CurrentVersion, cancellationToken)
            ?? throw new RunStoppedException(RunStatus.Failed, $"Object '{info.Name}' has no current version.");
        return new RunBasis(version.Number, await versions.ReadFilesAsync(version, cancellationToken), version.ApiSchema);
    }

    private static IReadOnlyDictionary<string, string> Files(CodeCandidate candidate) =>
        candidate.Files.Concat(candidate.Tests).GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Content, StringComparer.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
