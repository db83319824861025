using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The sequence of a run, both kinds: policy → (kind's plan and candidate loop) → approval when the policy asks →
/// commit → deploy when the policy asks. Every step goes through <see cref="RunExecution.StepAsync{T}"/>, so calling
/// this again after a restart skips what is journaled.
/// </summary>
public sealed class RunPipeline(
    ModificationPipeline modification,
    CreationPipeline creation,
    RunPolicyStore policies,
    IOptions<PipelineOptions> options,
    TimeProvider clock)
{
    public async Task<RunFinish> RunAsync(RunExecution run, IRunControl control)
    {
        var request = run.Request;
        var policy = await run.StepAsync("policy", 0, async (_, ct) =>
            EffectivePolicy.Resolve(options.Value, await policies.GetAsync(ObjectName.ToKey(request.ObjectName), ct), request));
        var accepted = request.Kind == RunKind.Creation
            ? await creation.EvaluateAsync(run, policy)
            : await modification.EvaluateAsync(run, policy);

        if (policy.ApprovalNeeded(accepted.Evaluation))
        {
            var wait = await run.StepAsync("approval-requested", 0, (_, _) => Task.FromResult(new ApprovalRequest(clock.GetUtcNow() + policy.ApprovalExpiry)));
            var decision = await control.WaitForDecisionAsync(wait.ExpiresAt, run.Cancellation);
            if (!decision.Approved)
            {
                throw new RunStoppedException(RunStatus.Rejected, decision.Expired
                    ? "Nobody approved the change before the approval expired."
                    : $"Rejected by {decision.By}{(string.IsNullOrWhiteSpace(decision.Comment) ? "" : ": " + decision.Comment)}.");
            }
        }

        var commit = await run.StepAsync("commit", 0, (_, ct) => request.Kind == RunKind.Creation
            ? creation.CommitAsync(run, accepted, ct)
            : modification.CommitAsync(run, accepted, ct));
        if (policy.Deploy)
        {
            var deploy = await run.StepAsync("deploy", 0, (_, _) => modification.DeployAsync(run, commit.Version, policy.Environment));
            if (!deploy.Deployed)
            {
                throw new RunStoppedException(RunStatus.Failed, $"Version {commit.Version} was committed but its deploy failed: {deploy.Error}");
            }
        }
        return new RunFinish(RunStatus.Succeeded, null, commit.Version);
    }
}
