using System.Collections.Concurrent;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Activities;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace DurableObjects.Orchestrations.UnitTests.Runs;

/// <summary>
/// The run orchestrators on the in-memory Durable Task test host, every activity scripted by name (as Temporal's
/// samples swap activities): the policy, which iterations the reward model accepts, how long a step takes. Records
/// each call, so tests see what the orchestrator scheduled and in which order.
/// </summary>
public sealed class ScriptedRun : IAsyncDisposable
{
    private DurableTaskTestHost _host = null!;

    public EffectivePolicy Policy { get; set; } = new(3, RewardThresholds.Default, false, TimeSpan.FromHours(1), true, null);

    /// <summary>Iterations whose candidate the reward model accepts (none: every candidate is rejected).</summary>
    public HashSet<int> AcceptedIterations { get; } = [1];

    /// <summary>Awaited by the generate activity before it answers (a slow model).</summary>
    public TaskCompletionSource GenerateGate { get; set; } = CompletedGate();

    /// <summary>Awaited by every gate activity before it answers.</summary>
    public Func<Task> GateDelay { get; set; } = () => Task.CompletedTask;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How many times the one-activity conclusion (decide, commit, deploy) ran.</summary>
    public int Conclusions => _conclusions;

    private int _conclusions;

    /// <summary>How many times the one-activity preparation (policy, context, plan, first candidate) ran.</summary>
    public int Preparations => _preparations;

    private int _preparations;

    public DurableTaskClient Client => _host.Client;

    public async Task StartAsync()
    {
        _host = await DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestrator<ModificationOrchestrator>();
            tasks.AddOrchestrator<CreationOrchestrator>();
            tasks.AddActivityFunc<RunInput, EffectivePolicy>(nameof(ResolvePolicyActivity), (_, _) => Record("policy", Policy));
            tasks.AddActivityFunc<RunInput, int>(nameof(LoadContextActivity), (_, _) => Record("context", 1));
            tasks.AddActivityFunc<RunInput, PlanOutcome>(nameof(PlanActivity), (_, _) => Plan());
            // As the real one: the policy, the context, the plan, then (no budget) the first candidate.
            tasks.AddActivityFunc<RunInput, PrepareOutcome>(nameof(PrepareRunActivity), async (_, input) =>
            {
                Interlocked.Increment(ref _preparations);
                var policy = Record("policy", Policy);
                Record("context", 1);
                var plan = Plan();
                return new PrepareOutcome(policy, plan, policy.Budget is null ? await GenerateAsync(new StepCall(input.RunId, 1)) : null);
            });
            tasks.AddActivityFunc<StepCall, string>(nameof(GenerateActivity), (_, call) => GenerateAsync(call));
            tasks.AddActivityFunc<GateCall, GateReport>(nameof(RunGateActivity), async (_, call) =>
            {
                Calls.Enqueue($"gate-{call.Iteration}-{call.Gate}");
                await GateDelay();
                return new GateReport([GateResult.Pass(call.Gate)], "hash", null);
            });
            tasks.AddActivityFunc<JudgeCall, JudgeOutcome>(nameof(RunJudgeActivity), (_, call) =>
                Record($"judge-{call.Iteration}-{call.Kind}", new JudgeOutcome(null, new SkippedJudge(call.Kind, "scripted", false))));
            tasks.AddActivityFunc<RewardCall, RewardDecision>(nameof(DecideRewardActivity), (_, call) => Decide(call));
            // As the real one: the decision, then — accepted, no approval needed — the commit, the deploy and the run's end.
            tasks.AddActivityFunc<ConcludeCall, ConcludeOutcome>(nameof(ConcludeActivity), (_, call) =>
            {
                Interlocked.Increment(ref _conclusions);
                var decision = Decide(call.Reward);
                if (!decision.Accepted || decision.RequiresApproval || !call.Settle)
                {
                    return new ConcludeOutcome(decision, null, null);
                }
                var commit = Record($"commit-{call.Reward.Iteration}", new CommitOutcome(2, null));
                var deploy = call.Deploy ? Record("deploy", new DeployResult(true, null, null, [])) : null;
                return new ConcludeOutcome(decision, commit, deploy, Record("finish", new RunFinish(RunStatus.Succeeded, null, 2)));
            });
            tasks.AddActivityFunc<ApprovalWait, bool>(nameof(RequestApprovalActivity), (_, _) => Record("approval-requested", true));
            tasks.AddActivityFunc<ApprovalRecord, ApprovalDecision>(nameof(RecordApprovalActivity), (_, record) => Record("approval", record.Decision));
            tasks.AddActivityFunc<CommitCall, CommitOutcome>(nameof(CommitActivity), (_, call) => Record($"commit-{call.Iteration}", new CommitOutcome(2, null)));
            tasks.AddActivityFunc<DeployCall, DeployResult>(nameof(DeployActivity), (_, _) => Record("deploy", new DeployResult(true, null, null, [])));
            tasks.AddActivityFunc<FinishCall, RunFinish>(nameof(FinishRunActivity), (_, call) => Record("finish", call.Finish));
        });
    }

    /// <summary>Starts a modification run as the launcher does (today's flow), or with an older <paramref name="flow"/>.</summary>
    public Task<string> StartModificationAsync(string runId = "run1", int flow = RunFlowVersions.Current) =>
        Client.ScheduleNewOrchestrationInstanceAsync(nameof(ModificationOrchestrator), new RunInput(runId, flow), new StartOrchestrationOptions(runId));

    /// <summary>Waits (polling) until the orchestration completes; returns how the run finished.</summary>
    public async Task<RunFinish> FinishAsync(string instanceId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance is { IsCompleted: true })
            {
                Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
                return instance.ReadOutputAs<RunFinish>()!;
            }
            await Task.Delay(20);
        }
        var last = await Client.GetInstanceAsync(instanceId);
        throw new TimeoutException($"Orchestration {instanceId} did not complete ({last?.RuntimeStatus}); calls: {string.Join(", ", Calls)}");
    }

    /// <summary>Waits until a call named <paramref name="name"/> has been made.</summary>
    public async Task CalledAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Calls.Contains(name))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{name}' was not called; calls: {string.Join(", ", Calls)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> GenerateAsync(StepCall call)
    {
        Calls.Enqueue($"generate-{call.Iteration}");
        await GenerateGate.Task;
        return "a candidate";
    }

    private PlanOutcome Plan() => Record("plan", new PlanOutcome([CheckKind.Preference, CheckKind.Constraint], false, false));

    private RewardDecision Decide(RewardCall call) =>
        Record($"decide-{call.Iteration}:{call.Gates.Count}g{call.Judges.Count}j",
            new RewardDecision(AcceptedIterations.Contains(call.Iteration), AcceptedIterations.Contains(call.Iteration) ? [] : ["scripted rejection"]));

    private T Record<T>(string name, T value)
    {
        Calls.Enqueue(name);
        return value;
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
