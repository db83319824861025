using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Activities;
using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// The runs on the Functions host: an <c>[OrchestrationTrigger]</c> per orchestrator and an <c>[ActivityTrigger]</c>
/// per activity, each named as standalone mode registers it (the orchestrators call activities by those names) and
/// delegating to the same classes in <c>orchestrations/Runs</c>.
/// </summary>
public static class RunFunctions
{
    [Function(nameof(ModificationOrchestrator))]
    public static Task<RunFinish> Modification([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ModificationOrchestrator().RunAsync(context, Input(context));

    [Function(nameof(CreationOrchestrator))]
    public static Task<RunFinish> Creation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CreationOrchestrator().RunAsync(context, Input(context));

    [Function(nameof(ResolvePolicyActivity))]
    public static Task<EffectivePolicy> ResolvePolicy([ActivityTrigger] RunInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<ResolvePolicyActivity, RunInput, EffectivePolicy>(function, client, input);

    [Function(nameof(LoadContextActivity))]
    public static Task<int> LoadContext([ActivityTrigger] RunInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<LoadContextActivity, RunInput, int>(function, client, input);

    [Function(nameof(PrepareRunActivity))]
    public static Task<PrepareOutcome> PrepareRun([ActivityTrigger] RunInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<PrepareRunActivity, RunInput, PrepareOutcome>(function, client, input);

    [Function(nameof(PlanActivity))]
    public static Task<PlanOutcome> Plan([ActivityTrigger] RunInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<PlanActivity, RunInput, PlanOutcome>(function, client, input);

    [Function(nameof(GenerateActivity))]
    public static Task<string> Generate([ActivityTrigger] StepCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<GenerateActivity, StepCall, string>(function, client, input);

    [Function(nameof(RunGateActivity))]
    public static Task<GateReport> RunGate([ActivityTrigger] GateCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<RunGateActivity, GateCall, GateReport>(function, client, input);

    [Function(nameof(RunJudgeActivity))]
    public static Task<JudgeOutcome> RunJudge([ActivityTrigger] JudgeCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<RunJudgeActivity, JudgeCall, JudgeOutcome>(function, client, input);

    [Function(nameof(DecideRewardActivity))]
    public static Task<RewardDecision> DecideReward([ActivityTrigger] RewardCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<DecideRewardActivity, RewardCall, RewardDecision>(function, client, input);

    [Function(nameof(RequestApprovalActivity))]
    public static Task<bool> RequestApproval([ActivityTrigger] ApprovalWait input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<RequestApprovalActivity, ApprovalWait, bool>(function, client, input);

    [Function(nameof(MeasureSpendActivity))]
    public static Task<RunSpend> MeasureSpend([ActivityTrigger] RunInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<MeasureSpendActivity, RunInput, RunSpend>(function, client, input);

    [Function(nameof(RecordApprovalActivity))]
    public static Task<ApprovalDecision> RecordApproval([ActivityTrigger] ApprovalRecord input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<RecordApprovalActivity, ApprovalRecord, ApprovalDecision>(function, client, input);

    [Function(nameof(ConcludeActivity))]
    public static Task<ConcludeOutcome> Conclude([ActivityTrigger] ConcludeCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<ConcludeActivity, ConcludeCall, ConcludeOutcome>(function, client, input);

    [Function(nameof(CommitActivity))]
    public static Task<CommitOutcome> Commit([ActivityTrigger] CommitCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<CommitActivity, CommitCall, CommitOutcome>(function, client, input);

    [Function(nameof(DeployActivity))]
    public static Task<DeployResult> Deploy([ActivityTrigger] DeployCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<DeployActivity, DeployCall, DeployResult>(function, client, input);

    [Function(nameof(FinishRunActivity))]
    public static Task<RunFinish> FinishRun([ActivityTrigger] FinishCall input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<FinishRunActivity, FinishCall, RunFinish>(function, client, input);

    private static RunInput Input(TaskOrchestrationContext context) =>
        context.GetInput<RunInput>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no run input.");
}
