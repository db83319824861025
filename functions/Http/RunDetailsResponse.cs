using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Functions.Http;

/// <summary>One run in full: the summary's fields, then the request, usage, steps, plan, iterations, the last steps' results, and the budget with the spend per item (null when the run has no budget), and the monitor that proposed the run (null when a person asked).</summary>
public sealed record RunDetailsResponse(
    string RunId, string Kind, string ObjectName, string Status, string CurrentStep, string? Reason, int? Version, bool Manual,
    string Requester, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string StatusUrl,
    string? Request,
    int MaxIterations,
    RunUsageResponse Usage,
    IReadOnlyList<RunStepResponse> Steps,
    CodePlan? Plan,
    CreationPlan? CreationPlan,
    IReadOnlyList<RunIterationResponse> Iterations,
    ApprovalDecision? Approval,
    CommitResult? Commit,
    DeployResult? Deploy,
    NotifyResult? Notify,
    RunBudgetResponse? Budget,
    string? ProposedBy)
{
    /// <summary>Present only when the approval request was not posted to the requester because their account is
    /// disabled: <c>{channel, outcome: "Skipped", reason}</c>. The end's message skipped for the same reason is <see cref="Notify"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public NotifyResult? ApprovalNotice { get; init; }
}
