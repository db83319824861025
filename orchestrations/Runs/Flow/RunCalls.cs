using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Activities;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// Typed calls of the run activities (the durabletask source generator is not available here), each retried when storage
/// or the network did not answer (<see cref="StepRetry"/>).
/// </summary>
public static class RunCalls
{
    public static Task<EffectivePolicy> CallResolvePolicyAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<EffectivePolicy>(nameof(ResolvePolicyActivity), input, StepRetry.Options);

    public static Task<int> CallLoadContextAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<int>(nameof(LoadContextActivity), input, StepRetry.Options);

    public static Task<PlanOutcome> CallPlanAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<PlanOutcome>(nameof(PlanActivity), input, StepRetry.Options);

    public static Task<PrepareOutcome> CallPrepareRunAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<PrepareOutcome>(nameof(PrepareRunActivity), input, StepRetry.Options);

    public static Task<string> CallGenerateAsync(this TaskOrchestrationContext context, StepCall input) =>
        context.CallActivityAsync<string>(nameof(GenerateActivity), input, StepRetry.Options);

    public static Task<GateReport> CallRunGateAsync(this TaskOrchestrationContext context, GateCall input) =>
        context.CallActivityAsync<GateReport>(nameof(RunGateActivity), input, StepRetry.Options);

    public static Task<JudgeOutcome> CallRunJudgeAsync(this TaskOrchestrationContext context, JudgeCall input) =>
        context.CallActivityAsync<JudgeOutcome>(nameof(RunJudgeActivity), input, StepRetry.Options);

    public static Task<RewardDecision> CallDecideRewardAsync(this TaskOrchestrationContext context, RewardCall input) =>
        context.CallActivityAsync<RewardDecision>(nameof(DecideRewardActivity), input, StepRetry.Options);

    public static Task<ConcludeOutcome> CallConcludeAsync(this TaskOrchestrationContext context, ConcludeCall input) =>
        context.CallActivityAsync<ConcludeOutcome>(nameof(ConcludeActivity), input, StepRetry.Options);

    public static Task<bool> CallRequestApprovalAsync(this TaskOrchestrationContext context, ApprovalWait input) =>
        context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), input, StepRetry.Options);

    public static Task<ApprovalDecision> CallRecordApprovalAsync(this TaskOrchestrationContext context, ApprovalRecord input) =>
        context.CallActivityAsync<ApprovalDecision>(nameof(RecordApprovalActivity), input, StepRetry.Options);

    public static Task<Budget.RunSpend> CallMeasureSpendAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<Budget.RunSpend>(nameof(MeasureSpendActivity), input, StepRetry.Options);

    public static Task<CommitOutcome> CallCommitAsync(this TaskOrchestrationContext context, CommitCall input) =>
        context.CallActivityAsync<CommitOutcome>(nameof(CommitActivity), input, StepRetry.Options);

    public static Task<DeployResult> CallDeployAsync(this TaskOrchestrationContext context, DeployCall input) =>
        context.CallActivityAsync<DeployResult>(nameof(DeployActivity), input, StepRetry.Options);

    public static Task<RunFinish> CallFinishRunAsync(this TaskOrchestrationContext context, FinishCall input) =>
        context.CallActivityAsync<RunFinish>(nameof(FinishRunActivity), input, StepRetry.Options);
}
