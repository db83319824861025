using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Activities;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>Typed calls of the run activities (the durabletask source generator is not available here).</summary>
public static class RunCalls
{
    public static Task<EffectivePolicy> CallResolvePolicyAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<EffectivePolicy>(nameof(ResolvePolicyActivity), input);

    public static Task<int> CallLoadContextAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<int>(nameof(LoadContextActivity), input);

    public static Task<PlanOutcome> CallPlanAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<PlanOutcome>(nameof(PlanActivity), input);

    public static Task<PrepareOutcome> CallPrepareRunAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<PrepareOutcome>(nameof(PrepareRunActivity), input);

    public static Task<string> CallGenerateAsync(this TaskOrchestrationContext context, StepCall input) =>
        context.CallActivityAsync<string>(nameof(GenerateActivity), input);

    public static Task<GateReport> CallRunGateAsync(this TaskOrchestrationContext context, GateCall input) =>
        context.CallActivityAsync<GateReport>(nameof(RunGateActivity), input);

    public static Task<JudgeOutcome> CallRunJudgeAsync(this TaskOrchestrationContext context, JudgeCall input) =>
        context.CallActivityAsync<JudgeOutcome>(nameof(RunJudgeActivity), input);

    public static Task<RewardDecision> CallDecideRewardAsync(this TaskOrchestrationContext context, RewardCall input) =>
        context.CallActivityAsync<RewardDecision>(nameof(DecideRewardActivity), input);

    public static Task<ConcludeOutcome> CallConcludeAsync(this TaskOrchestrationContext context, ConcludeCall input) =>
        context.CallActivityAsync<ConcludeOutcome>(nameof(ConcludeActivity), input);

    public static Task<bool> CallRequestApprovalAsync(this TaskOrchestrationContext context, ApprovalWait input) =>
        context.CallActivityAsync<bool>(nameof(RequestApprovalActivity), input);

    public static Task<ApprovalDecision> CallRecordApprovalAsync(this TaskOrchestrationContext context, ApprovalRecord input) =>
        context.CallActivityAsync<ApprovalDecision>(nameof(RecordApprovalActivity), input);

    public static Task<Budget.RunSpend> CallMeasureSpendAsync(this TaskOrchestrationContext context, RunInput input) =>
        context.CallActivityAsync<Budget.RunSpend>(nameof(MeasureSpendActivity), input);

    public static Task<CommitOutcome> CallCommitAsync(this TaskOrchestrationContext context, CommitCall input) =>
        context.CallActivityAsync<CommitOutcome>(nameof(CommitActivity), input);

    public static Task<DeployResult> CallDeployAsync(this TaskOrchestrationContext context, DeployCall input) =>
        context.CallActivityAsync<DeployResult>(nameof(DeployActivity), input);

    public static Task<RunFinish> CallFinishRunAsync(this TaskOrchestrationContext context, FinishCall input) =>
        context.CallActivityAsync<RunFinish>(nameof(FinishRunActivity), input);
}
