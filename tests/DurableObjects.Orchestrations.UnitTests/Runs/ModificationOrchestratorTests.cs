using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.UnitTests.Runs;

/// <summary>The modification orchestrator's sequencing: fan-out, the bounded loop, approval by event or timer, cancel.</summary>
public sealed class ModificationOrchestratorTests
{
    [Fact]
    public async Task Run_AcceptedFirstTry_FansOutEveryGateThenEveryJudgeThenCommitsAndDeploys()
    {
        await using var run = new ScriptedRun();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each gate waits until two have started (the in-memory engine runs as many activities at once as there are
        // cores, at least two here): only gates scheduled together, a real fan-out, get past this.
        run.GateDelay = async () =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                allStarted.SetResult();
            }
            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        Assert.Equal(2, finish.Version);
        var calls = run.Calls.ToList();
        // Policy, context and plan are scheduled together: the engine may start them in any order.
        Assert.Equal(["context", "plan", "policy"], calls.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal("generate-1", calls[3]);
        Assert.Equal(["gate-1-compile", "gate-1-contract", "gate-1-kept-tests", "gate-1-mutation", "gate-1-tests"], calls.Skip(4).Take(5).Order(StringComparer.Ordinal));
        Assert.Equal(["judge-1-Constraint", "judge-1-Preference"], calls.Skip(9).Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["decide-1:5g2j", "commit-1", "deploy", "finish"], calls.Skip(11));
        // Prepared (policy, context, plan, first candidate) in one activity; decided, committed and deployed by one.
        Assert.Equal(1, run.Preparations);
        Assert.Equal(1, run.Conclusions);
    }

    [Fact]
    public async Task Run_StartedBeforeTheCombinedFlow_StillRunsEveryStepAsItsOwnActivity()
    {
        // A run started by the previous version replays its history through this code: it must schedule what it did then.
        await using var run = new ScriptedRun();
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync(flow: RunFlowVersions.Separate));

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        Assert.Equal(2, finish.Version);
        Assert.Equal(["context", "plan", "policy"], run.Calls.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["decide-1:5g2j", "commit-1", "deploy", "finish"], run.Calls.Skip(11));
        Assert.Equal(0, run.Preparations);
        Assert.Equal(0, run.Conclusions);
    }

    [Fact]
    public async Task Run_NoCandidateAccepted_StopsAfterMaxIterationsRejected()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { MaxIterations = 2 };
        run.AcceptedIterations.Clear();
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Rejected, finish.Status);
        Assert.Contains("2 iteration(s)", finish.Reason);
        Assert.Contains("scripted rejection", finish.Reason);
        Assert.Equal(["generate-1", "generate-2"], run.Calls.Where(c => c.StartsWith("generate", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_AcceptedOnSecondTry_CommitsTheSecondCandidate()
    {
        await using var run = new ScriptedRun();
        run.AcceptedIterations.Clear();
        run.AcceptedIterations.Add(2);
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        Assert.Contains("commit-2", run.Calls);
        Assert.DoesNotContain("generate-3", run.Calls);
    }

    [Fact]
    public async Task Approval_Approved_CommitsAfterTheEvent()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { RequireApproval = true };
        await run.StartAsync();
        var id = await run.StartModificationAsync();
        await run.CalledAsync("approval-requested");
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("commit", StringComparison.Ordinal));

        await run.Client.RaiseEventAsync(id, RunEvents.Approval, new ApprovalDecision(true, "ada", "ok", false, DateTimeOffset.UtcNow));
        var finish = await run.FinishAsync(id);

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        var calls = run.Calls.ToList();
        Assert.True(calls.IndexOf("approval") < calls.IndexOf("commit-1"));
    }

    [Fact]
    public async Task Approval_Rejected_EndsRejectedWithTheCommentAndNoCommit()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { RequireApproval = true };
        await run.StartAsync();
        var id = await run.StartModificationAsync();
        await run.CalledAsync("approval-requested");

        await run.Client.RaiseEventAsync(id, RunEvents.Approval, new ApprovalDecision(false, "ada", "not now", false, DateTimeOffset.UtcNow));
        var finish = await run.FinishAsync(id);

        Assert.Equal(RunStatus.Rejected, finish.Status);
        Assert.Equal("Rejected by ada: not now.", finish.Reason);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approval_NobodyDecides_TheDurableTimerExpiresIt()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { RequireApproval = true, ApprovalExpiry = TimeSpan.FromSeconds(2) };
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Rejected, finish.Status);
        Assert.Equal("Nobody approved the change before the approval expired.", finish.Reason);
        Assert.Contains("approval", run.Calls);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_DuringGeneration_EndsCancelledWithoutWaitingForTheStep()
    {
        await using var run = new ScriptedRun { GenerateGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await run.StartAsync();
        var id = await run.StartModificationAsync();
        await run.CalledAsync("generate-1");

        await run.Client.RaiseEventAsync(id, RunEvents.Cancel, new CancelRequest("ada", DateTimeOffset.UtcNow));
        // The run finishes while generation is still held: it did not wait for the step.
        await run.CalledAsync("finish");
        // (The in-memory engine completes the instance only once its outstanding activity reports; the real engine
        // does not wait, see the integration test Cancel_MidRun_StopsBeforeTheNextStep.) The late result is ignored.
        run.GenerateGate.SetResult();
        var finish = await run.FinishAsync(id);

        Assert.Equal(RunStatus.Cancelled, finish.Status);
        Assert.Equal("Cancelled by ada.", finish.Reason);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("gate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_WhileWaitingForApproval_EndsCancelledWithoutACommit()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { RequireApproval = true };
        await run.StartAsync();
        var id = await run.StartModificationAsync();
        await run.CalledAsync("approval-requested");

        await run.Client.RaiseEventAsync(id, RunEvents.Cancel, new CancelRequest("ada", DateTimeOffset.UtcNow));
        var finish = await run.FinishAsync(id);

        Assert.Equal(RunStatus.Cancelled, finish.Status);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Step_StorageDidNotAnswer_IsRunAgainAndTheRunSucceeds()
    {
        await using var run = new ScriptedRun();
        var gates = 0;
        // The first gate fails as a storage call fails after the storage client's own tries: no answer (status 0).
        run.GateDelay = () => Interlocked.Increment(ref gates) == 1
            ? throw new AggregateException(new Azure.RequestFailedException(0, "no answer", new IOException("frozen")))
            : Task.CompletedTask;
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync(), TimeSpan.FromSeconds(60));

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        Assert.Equal(6, gates);
        Assert.Equal(6, run.Calls.Count(c => c.StartsWith("gate-1-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Step_FailedForAnotherReason_FailsTheRunWithoutRunningItAgain()
    {
        await using var run = new ScriptedRun();
        var gates = 0;
        run.GateDelay = () => Interlocked.Increment(ref gates) == 1 ? throw new InvalidOperationException("a bug") : Task.CompletedTask;
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Failed, finish.Status);
        Assert.Equal(5, gates);
        Assert.DoesNotContain("commit-1", run.Calls);
    }

    [Fact]
    public async Task Run_PolicyWithoutDeploy_CommitsOnly()
    {
        await using var run = new ScriptedRun();
        run.Policy = run.Policy with { Deploy = false, Thresholds = RewardThresholds.Default };
        await run.StartAsync();

        var finish = await run.FinishAsync(await run.StartModificationAsync());

        Assert.Equal(RunStatus.Succeeded, finish.Status);
        Assert.DoesNotContain("deploy", run.Calls);
    }
}
