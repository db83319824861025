using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A creation: plan (files, API) → [generate → gates (compile, policy, planned API, tests) → judges]* → approval →
/// create the object with version 1 in draft (through the object grain).
/// </summary>
public sealed class CreationPipeline(IServiceProvider services, CandidateLoop loop, ObjectService objects, VersionStore versions)
{
    public async Task<AcceptedCandidate> EvaluateAsync(RunExecution run, EffectivePolicy policy)
    {
        var request = run.Request;
        var plan = await run.StepAsync("plan", 0, async (ledger, ct) =>
            (await services.GetRequiredService<CreationPlanner>().PlanCreationAsync(request.ObjectName, request.Description ?? "", request.Requirements!, ledger, ct)).Value);
        var spec = new CandidateLoop.Spec(
            policy.MaxIterations,
            policy.Thresholds,
            plan.RoutedChecks(),
            async (feedback, ledger, ct) =>
                (await services.GetRequiredService<CreationGenerator>().GenerateAsync(request.Requirements!, plan, feedback, ledger, ct)).Value,
            candidate => new GateRequest(request.ObjectName,
                candidate.Files.Concat(candidate.Tests).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal), null, null, plan.Api),
            candidate => new JudgeInput { Request = request.Requirements!, Candidate = candidate });
        return await loop.RunAsync(run, spec);
    }

    /// <summary>Creates the object, once: an object this run created before a restart is adopted.</summary>
    public async Task<CommitResult> CommitAsync(RunExecution run, AcceptedCandidate accepted, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var key = ObjectName.ToKey(request.ObjectName);
        var marker = ModificationPipeline.RunMarker(run.RunId);
        var summary = (accepted.Candidate.Summary.Length > 500 ? accepted.Candidate.Summary[..500] : accepted.Candidate.Summary) + " " + marker;
        var outcome = await objects.CreateAsync(new CreateObject(request.ObjectName, request.Description ?? "", accepted.VersionFiles(), summary), request.Actor);
        if (outcome.Succeeded)
        {
            var first = await versions.GetAsync(key, 1, cancellationToken);
            return new CommitResult(1, first?.ContentHash ?? accepted.Gates.ContentHash, false);
        }
        if (outcome.Error!.Kind == ErrorKind.Conflict && await versions.GetAsync(key, 1, cancellationToken) is { } existing
            && existing.Summary.EndsWith(marker, StringComparison.Ordinal))
        {
            return new CommitResult(1, existing.ContentHash, true);
        }
        throw new RunStoppedException(RunStatus.Failed, $"The object could not be created: {outcome.Error.Message}");
    }
}
