using System.Text;
using DurableObjects.AI.Schemas;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Domain;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A run's links in the decision chain: each reward decision and the approval. Keys are the run id and the step, so
/// an activity the engine delivers again finds its record instead of appending another.
/// </summary>
public sealed class RunChain(RunMaterials materials, DecisionChain chain)
{
    /// <summary>The chain record types of runs (the object-level ones are the audit event types).</summary>
    public const string DecisionType = "run.decision";
    public const string ApprovalType = "run.approval";

    /// <summary>Records what the reward model decided for one candidate, and everything it decided on.</summary>
    public async Task RecordDecisionAsync(string runId, int iteration, CodeCandidate candidate, RewardEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(evaluation);
        var request = await materials.RequestAsync(runId, cancellationToken);
        var policy = await materials.PolicyAsync(runId, cancellationToken);
        var details = new
        {
            run = runId,
            iteration,
            candidateHash = SourceFiles.HashVersion(candidate.Files.Concat(candidate.Tests)
                .Select(f => new SourceFileRef(f.Path, SourceFiles.HashContent(f.Content), Encoding.UTF8.GetByteCount(f.Content)))),
            accepted = evaluation.Accepted,
            combinedScore = evaluation.CombinedScore,
            gates = evaluation.Gates.Select(g => new { g.Name, g.Passed, g.Details }),
            judges = evaluation.Verdicts.Select(v => new { v.Name, kind = v.Kind.ToString(), v.Score, v.Model }),
            skippedJudges = evaluation.SkippedJudges.Select(s => new { kind = s.Kind.ToString(), s.Reason }),
            thresholds = evaluation.Thresholds,
            policy = new { policy.MaxIterations, policy.RequireApproval, policy.Deploy, policy.Environment, mutationThreshold = policy.Mutation.Threshold },
            rejectionReasons = evaluation.RejectionReasons,
            approvalReasons = evaluation.ApprovalReasons,
        };
        await chain.AppendAsync($"run/{runId}/decision/{iteration}", DecisionType, Subject(request), request.Actor.UserId, details, cancellationToken);
    }

    /// <summary>Records the decision that ended an approval wait (a person's, or the expiry's).</summary>
    public async Task RecordApprovalAsync(string runId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var request = await materials.RequestAsync(runId, cancellationToken);
        var details = new { run = runId, decision.Approved, decision.By, decision.Comment, decision.Expired, decision.At };
        await chain.AppendAsync($"run/{runId}/approval", ApprovalType, Subject(request), decision.By, details, cancellationToken);
    }

    private static string Subject(RunRequest request) => AuditEventTypes.ObjectSubject(ObjectName.ToKey(request.ObjectName));
}
