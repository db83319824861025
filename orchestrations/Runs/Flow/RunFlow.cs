using DurableObjects.AI.Configuration;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// The sequence both kinds of run share, as orchestrator code (replay-safe: every side effect is an activity, time is
/// the context's): policy beside the kind's preparation (context, plan) → [generate → gates in fan-out → judges in fan-out
/// → reward decision]* up to the policy's iterations → approval (an external event raced against a durable timer)
/// when the policy asks → commit → deploy when the policy asks → finish. Every step races the cancel event, so a
/// cancel ends the run at once as <c>cancelled</c>; a step's late result is ignored. Runs started with
/// <see cref="RunFlowVersions.Combined"/> prepare (policy, context, plan, first candidate) in one activity and decide,
/// commit and deploy an accepted candidate that needs no approval in one; older runs replay theirs one by one
/// (<see cref="RunInput.Flow"/>).
/// </summary>
public sealed class RunFlow
{
    private readonly TaskOrchestrationContext _context;
    private readonly string _runId;
    private readonly int _flow;
    private readonly Task<CancelRequest> _cancel;
    private string _step = "";

    public RunFlow(TaskOrchestrationContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        _context = context;
        _runId = input.RunId;
        _flow = input.Flow;
        _cancel = context.WaitForExternalEvent<CancelRequest>(RunEvents.Cancel);
    }

    public RunInput Input => new(_runId);

    /// <summary>
    /// Runs the whole sequence; <paramref name="prepare"/> is the kind's part before the candidate loop in runs started
    /// before <see cref="RunFlowVersions.Combined"/> (later runs prepare in one activity that knows the kinds).
    /// </summary>
    public async Task<RunFinish> RunAsync(Func<RunFlow, Task<PlanOutcome>> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        RunFinish finish;
        RunFinish? finished = null;
        try
        {
            EffectivePolicy policy;
            PlanOutcome plan;
            var firstGenerated = false;
            if (_flow >= RunFlowVersions.Combined)
            {
                var prepared = await StepAsync(RunStepNames.Plan, _context.CallPrepareRunAsync(Input));
                (policy, plan, firstGenerated) = (prepared.Policy, prepared.Plan, prepared.FirstCandidate is not null);
            }
            else
            {
                // The policy and the kind's preparation need nothing of each other, so they run at once. The policy is still
                // scheduled first: task ids stay as they were, and a run started before this ran both in turn replays alike.
                var policyStep = StepAsync(RunStepNames.Policy, _context.CallResolvePolicyAsync(Input));
                plan = await prepare(this);
                policy = await policyStep;
            }
            var (accepted, conclusion) = await CandidateLoopAsync(policy, plan, firstGenerated);
            var commit = conclusion.Commit;
            if (commit is null)
            {
                // Approval when the policy asks, or whatever the policy says when the candidate changes kept tests as its plan declared.
                if (policy.RequireApproval || conclusion.Decision.RequiresApproval)
                {
                    await ApprovalAsync(policy);
                }
                commit = await StepAsync(RunStepNames.Commit, _context.CallCommitAsync(new CommitCall(_runId, accepted)));
            }
            if (commit.Version is not { } version)
            {
                throw new RunStoppedException(RunStatus.Failed, commit.Error ?? "The commit was refused.");
            }
            if (policy.Deploy)
            {
                var deploy = conclusion.Deploy
                    ?? await StepAsync(RunStepNames.Deploy, _context.CallDeployAsync(new DeployCall(_runId, version, policy.Environment)));
                if (!deploy.Deployed)
                {
                    throw new RunStoppedException(RunStatus.Failed, $"Version {version} was committed but its deploy failed: {deploy.Error}");
                }
            }
            finish = new RunFinish(RunStatus.Succeeded, null, version);
            // The conclusion ended the run already when it committed and deployed it.
            finished = conclusion.Finish;
        }
        catch (RunCancelledException cancelled)
        {
            finish = new RunFinish(RunStatus.Cancelled, cancelled.Message, null);
        }
        catch (RunStoppedException stopped)
        {
            finish = new RunFinish(stopped.Status, stopped.Message, null);
        }
        catch (TaskFailedException failed)
        {
            finish = new RunFinish(RunStatus.Failed, Describe(_step, failed), null);
        }
        return finished ?? await _context.CallFinishRunAsync(new FinishCall(_runId, finish));
    }

    /// <summary>Awaits one step, unless a cancel arrives first.</summary>
    public async Task<T> StepAsync<T>(string step, Task<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _step = step;
        var first = await Task.WhenAny(work, _cancel);
        if (first == _cancel)
        {
            throw new RunCancelledException(await _cancel);
        }
        try
        {
            return await work;
        }
        catch (TaskFailedException)
        {
            // Steps can overlap (the policy runs beside the preparation): a failure names the step that failed.
            _step = step;
            throw;
        }
    }

    /// <summary>
    /// generate → gates (fan-out) → judges (fan-out) → decision, until accepted; returns the accepted iteration and its
    /// conclusion (with the commit and deploy when the decision made them).
    /// </summary>
    private async Task<(int Iteration, ConcludeOutcome Conclusion)> CandidateLoopAsync(EffectivePolicy policy, PlanOutcome plan, bool firstGenerated)
    {
        var iterations = plan.Manual ? 1 : policy.MaxIterations;
        IReadOnlyList<string> reasons = [];
        for (var i = 1; i <= iterations; i++)
        {
            // The preparation generated the first candidate already only for a run without a budget: nothing to check.
            if (i > 1 || !firstGenerated)
            {
                await CheckBudgetAsync(policy);
                await StepAsync(RunStepNames.Generate(i), _context.CallGenerateAsync(new StepCall(_runId, i)));
            }
            await CheckBudgetAsync(policy);
            var gates = await StepAsync(RunStepNames.Gates(i),
                Task.WhenAll(SandboxGates.Fanned.Select(gate => _context.CallRunGateAsync(new GateCall(_runId, i, gate)))));
            var gatesPassed = gates.Any(r => r.Gates.Count > 0) && gates.All(r => r.Gates.All(g => g.Passed));
            var judge = gatesPassed || plan.JudgeAfterGateFailure;
            if (judge)
            {
                await CheckBudgetAsync(policy);
            }
            var judges = judge
                ? await StepAsync(RunStepNames.Evaluate(i), Task.WhenAll(plan.Checks.Select(kind => _context.CallRunJudgeAsync(new JudgeCall(_runId, i, kind)))))
                : [];
            var reward = new RewardCall(_runId, i, gates, judges, plan.Checks, policy.Thresholds, !judge);
            var conclusion = _flow >= RunFlowVersions.Combined
                ? await StepAsync(RunStepNames.Evaluate(i),
                    _context.CallConcludeAsync(new ConcludeCall(reward, !policy.RequireApproval, policy.Deploy, policy.Environment)))
                : new ConcludeOutcome(await StepAsync(RunStepNames.Evaluate(i), _context.CallDecideRewardAsync(reward)), null, null);
            if (conclusion.Decision.Accepted)
            {
                return (i, conclusion);
            }
            reasons = conclusion.Decision.RejectionReasons;
        }
        throw new RunStoppedException(RunStatus.Rejected,
            $"No candidate was accepted in {iterations} iteration(s). Last: {string.Join("; ", reasons.Take(5))}");
    }

    /// <summary>
    /// Before a priced step of a run with a budget: what has been spent, from an activity (journaled, so a replay
    /// decides alike). Spent → the run stops as <c>budget-exhausted</c> with the spend per item. Checking before every
    /// step bounds the overshoot by what one step can spend.
    /// </summary>
    private async Task CheckBudgetAsync(EffectivePolicy policy)
    {
        if (policy.Budget is null)
        {
            return;
        }
        var spend = await StepAsync(RunStepNames.Budget, _context.CallMeasureSpendAsync(Input));
        if (spend.Exhausted)
        {
            throw new RunStoppedException(RunStatus.BudgetExhausted, spend.Describe());
        }
    }

    /// <summary>Waits for a person's decision, a cancel, or the durable timer (expiry fires with nothing else happening).</summary>
    private async Task ApprovalAsync(EffectivePolicy policy)
    {
        var expiresAt = _context.CurrentUtcDateTime + policy.ApprovalExpiry;
        await StepAsync(RunStepNames.ApprovalRequested, _context.CallRequestApprovalAsync(new ApprovalWait(_runId, expiresAt)));
        _step = RunStepNames.Approval;
        using var timerCancel = new CancellationTokenSource();
        var timer = _context.CreateTimer(expiresAt, timerCancel.Token);
        var decided = _context.WaitForExternalEvent<ApprovalDecision>(RunEvents.Approval);
        var first = await Task.WhenAny(decided, timer, _cancel);
        if (first != timer)
        {
            timerCancel.Cancel();
        }
        if (first == _cancel)
        {
            throw new RunCancelledException(await _cancel);
        }
        var decision = first == decided
            ? await decided
            : new ApprovalDecision(false, "system", "approval expired", true, new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero));
        decision = await StepAsync(RunStepNames.Approval, _context.CallRecordApprovalAsync(new ApprovalRecord(_runId, decision)));
        if (!decision.Approved)
        {
            throw new RunStoppedException(RunStatus.Rejected, decision.Expired
                ? "Nobody approved the change before the approval expired."
                : $"Rejected by {decision.By}{(string.IsNullOrWhiteSpace(decision.Comment) ? "" : ": " + decision.Comment)}.");
        }
    }

    /// <summary>A failed step as people read it: the message of errors meant for them, only the type of the others.</summary>
    private static string Describe(string step, TaskFailedException failed)
    {
        var details = failed.FailureDetails;
        var type = details.ErrorType ?? "";
        var readable = type.EndsWith(nameof(ModelNotConfiguredException), StringComparison.Ordinal)
            || type.EndsWith(nameof(StructuredOutputException), StringComparison.Ordinal)
            || type.EndsWith(nameof(RunStoppedException), StringComparison.Ordinal);
        return readable
            ? $"Step '{step}' failed: {details.ErrorMessage}"
            : $"Step '{step}' failed unexpectedly ({type[(type.LastIndexOf('.') + 1)..]}).";
    }
}
