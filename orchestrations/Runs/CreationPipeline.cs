using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The work of a creation's activities: plan (files, API), generate, what the gates (compile, policy, planned API,
/// tests) and judges check, and the commit that creates the object with version 1 in draft.
/// </summary>
public sealed class CreationPipeline(IServiceProvider services, ObjectService objects, VersionStore versions)
{
    public async Task<CreationPlan> PlanAsync(RunRequest request, UsageLedger ledger, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<CreationPlanner>().PlanCreationAsync(
            request.ObjectName, request.Description ?? "", request.Requirements!, ledger, cancellationToken)).Value;

    public async Task<CodeCandidate> GenerateAsync(RunRequest request, CreationPlan plan, string? feedback, UsageLedger ledger, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<CreationGenerator>().GenerateAsync(request.Requirements!, plan, feedback, ledger, cancellationToken)).Value;

    public static GateRequest GateRequest(RunRequest request, CreationPlan plan, CodeCandidate candidate, EffectivePolicy policy) =>
        new(request.ObjectName, ModificationPipeline.Files(candidate), null, null, plan.Api) { Mutation = policy.Mutation };

    public static JudgeInput JudgeInput(RunRequest request, CodeCandidate candidate) =>
        new() { Request = request.Requirements!, Candidate = candidate };

    /// <summary>Creates the object, once: an object this run created before a crash is adopted.</summary>
    public async Task<CommitResult> CommitAsync(string runId, RunRequest request, CodeCandidate candidate, CancellationToken cancellationToken)
    {
        var key = ObjectName.ToKey(request.ObjectName);
        var marker = ModificationPipeline.RunMarker(runId);
        var summary = (candidate.Summary.Length > 500 ? candidate.Summary[..500] : candidate.Summary) + " " + marker;
        var files = ModificationPipeline.Files(candidate);
        var outcome = await objects.CreateAsync(new CreateObject(request.ObjectName, request.Description ?? "", files, summary), request.Actor);
        if (outcome.Succeeded)
        {
            var first = await versions.GetAsync(key, 1, cancellationToken);
            return new CommitResult(1, first?.ContentHash ?? SourceFiles.HashVersion(SourceFiles.ToRefs(files)), false);
        }
        if (outcome.Error!.Kind == ErrorKind.Conflict && await versions.GetAsync(key, 1, cancellationToken) is { } existing
            && existing.Summary.EndsWith(marker, StringComparison.Ordinal))
        {
            return new CommitResult(1, existing.ContentHash, true);
        }
        throw new RunStoppedException(RunStatus.Failed, $"The object could not be created: {outcome.Error.Message}");
    }
}
