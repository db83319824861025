using DurableObjects.Functions.Engine;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using static DurableObjects.Functions.IntegrationTests.Engine.EngineTestKit;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>
/// Run admission between the storage provider and the sidecar's orchestration dispatcher: starts beyond the limit wait
/// in arrival order and go when an active run ends or waits for a person; everything else passes; held messages are
/// renewed and returned to the queue on stop; no more are held than the provider buffers.
/// </summary>
public sealed class RunAdmissionTests
{
    [Fact]
    public async Task StartsBeyondTheLimit_WaitInArrivalOrder_AndGoWhenARunEnds()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 2);
        fake.Send(Start("a"), Start("b"), Start("c"), Start("d"));

        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        Assert.Equal("b", (await NextAsync(admission)).InstanceId);
        var third = NextAsync(admission);
        await WaitUntilAsync(() => admission.HeldCount == 2);
        Assert.False(third.IsCompleted);

        await CompleteAsync(admission, "a", Ended());
        Assert.Equal("c", (await third.WaitAsync(Soon)).InstanceId);
        var fourth = NextAsync(admission);
        await Task.Delay(Briefly);
        Assert.False(fourth.IsCompleted);

        await CompleteAsync(admission, "b", Ended());
        Assert.Equal("d", (await fourth.WaitAsync(Soon)).InstanceId);
        Assert.Equal(2, admission.ActiveCount);
        Assert.Equal(0, admission.HeldCount);
    }

    [Fact]
    public async Task LaterEpisodes_AndOtherOrchestrations_PassWhileStartsWait()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 1);
        fake.Send(Start("a"), Start("b"), Episode("a"), Start("scan", "MonitorScanOrchestrator"));

        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        Assert.Equal("scan", (await NextAsync(admission)).InstanceId);
        Assert.Equal(1, admission.HeldCount);
        Assert.Equal(1, admission.ActiveCount);
    }

    [Fact]
    public async Task ARunWaitingForAnApproval_FreesItsPlace_ARunWithAnActivityOut_KeepsIt()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 1);
        fake.Send(Start("a"), Start("b"));
        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        var next = NextAsync(admission);
        await WaitUntilAsync(() => admission.HeldCount == 1);

        await CompleteAsync(admission, "a", Working());
        await Task.Delay(Briefly);
        Assert.False(next.IsCompleted);

        await CompleteAsync(admission, "a", WaitingForEvent());
        Assert.Equal("b", (await next.WaitAsync(Soon)).InstanceId);
    }

    [Fact]
    public void IsWorking_CountsActivitiesNotYetReported()
    {
        Assert.True(EngineHistory.IsWorking(Working()));
        Assert.False(EngineHistory.IsWorking(WaitingForEvent()));
        Assert.False(EngineHistory.IsWorking(Ended()));
        Assert.False(EngineHistory.IsWorking(null));
    }

    [Fact]
    public async Task NoMoreStartsAreHeld_ThanItMayHold_TheRestGoOverTheLimit()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 1, maxHeld: 1);
        fake.Send(Start("a"), Start("b"), Start("c"));

        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        Assert.Equal("c", (await NextAsync(admission)).InstanceId);
        Assert.Equal(1, admission.HeldCount);
        Assert.Equal(2, admission.ActiveCount);
    }

    [Fact]
    public async Task HeldStarts_AreRenewedBeforeTheirLockEnds()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 1, lockTimeout: TimeSpan.FromMilliseconds(400));
        fake.Send(Start("a"), Start("b"));
        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        var next = NextAsync(admission);

        await WaitUntilAsync(() => fake.Calls.Count(c => c == "Renew b") >= 2);
        Assert.DoesNotContain("Renew a", fake.Calls);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task Stop_ReturnsHeldStartsToTheQueue_BeforeTheProviderStops()
    {
        var (provider, fake) = FakeProvider.Create();
        var admission = Admission(provider, maxActive: 1);
        fake.Send(Start("a"), Start("b"));
        Assert.Equal("a", (await NextAsync(admission)).InstanceId);
        _ = NextAsync(admission);
        await WaitUntilAsync(() => admission.HeldCount == 1);

        await admission.StopAsync(isForced: true);

        Assert.Equal(["Abandon b", "Release b", "StopAsync"], fake.Calls.Where(c => !c.StartsWith("Renew", StringComparison.Ordinal)));
        Assert.Equal(0, admission.HeldCount);
    }

    private static RunAdmission Admission(IOrchestrationService provider, int maxActive, int maxHeld = 16, TimeSpan? lockTimeout = null) =>
        new(provider, maxActive, maxHeld, lockTimeout ?? TimeSpan.FromMinutes(5), DurableTaskSidecar.RunOrchestrators, NullLogger.Instance);

    private static Task<TaskOrchestrationWorkItem> NextAsync(RunAdmission admission) =>
        admission.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);

    private static Task CompleteAsync(RunAdmission admission, string instanceId, OrchestrationRuntimeState state) =>
        admission.CompleteTaskOrchestrationWorkItemAsync(new TaskOrchestrationWorkItem { InstanceId = instanceId }, state, [], [], [], null!, null!);

    private static TaskOrchestrationWorkItem Start(string instanceId, string name = "ModificationOrchestrator") =>
        WorkItem(instanceId, new ExecutionStartedEvent(-1, "{}") { Name = name, OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId } });

    private static TaskOrchestrationWorkItem Episode(string instanceId) => WorkItem(instanceId, new TaskCompletedEvent(-1, 0, "{}"));

    private static TaskOrchestrationWorkItem WorkItem(string instanceId, HistoryEvent message) => new()
    {
        InstanceId = instanceId,
        NewMessages = [new TaskMessage { Event = message, OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId } }],
        OrchestrationRuntimeState = new OrchestrationRuntimeState(),
    };
}
