using System.Diagnostics;
using DurableObjects.Functions.Engine;
using DurableTask.Core;
using static DurableObjects.Functions.IntegrationTests.Engine.EngineTestKit;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>
/// The engine's concurrency limits kept by signal between the sidecar's dispatchers and the provider: a fetch takes a
/// place first, a work item's end gives it back, and a waiting fetch goes on as soon as a place is free (the sidecar's
/// own limit looks again only every 500 ms). The real engine's runs go through it in every test of
/// DurableObjects.Orchestrations.IntegrationTests.
/// </summary>
public sealed class DispatchSlotsTests
{
    [Fact]
    public void TheDispatchers_SeeNoLimitOfTheirOwn()
    {
        var (provider, _) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 2, maxOrchestrations: 3);

        Assert.Equal(DispatchSlots.Unbounded, slots.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(DispatchSlots.Unbounded, slots.MaxConcurrentTaskOrchestrationWorkItems);
    }

    [Fact]
    public async Task AnActivityBeyondTheLimit_WaitsForAPlace_AndGoesOnAsSoonAsOneIsFreed()
    {
        var (provider, fake) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 2, maxOrchestrations: 1);
        fake.Send(Activity("a"), Activity("b"), Activity("c"));
        var a = await ActivityAsync(slots);
        await ActivityAsync(slots);

        var third = ActivityAsync(slots);
        await Task.Delay(Briefly);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, slots.ActivitiesWorking);

        var freed = Stopwatch.StartNew();
        await slots.CompleteTaskActivityWorkItemAsync(a, new TaskMessage());
        var c = await third.WaitAsync(Soon);

        Assert.Equal("c", c.Id);
        // Woken by the freed place, not by a poll (the sidecar's own limit looks every 500 ms); generous for a busy machine.
        Assert.True(freed.Elapsed < TimeSpan.FromMilliseconds(400), $"The waiting fetch went on after {freed.ElapsedMilliseconds} ms.");
        Assert.Contains("Complete a", fake.Calls);
    }

    [Fact]
    public async Task AFailedCompletionFollowedByAnAbandon_GivesThePlaceBackOnce()
    {
        var (provider, fake) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 1, maxOrchestrations: 1);
        fake.Send(Activity("a"), Activity("b"), Activity("c"));
        var a = await ActivityAsync(slots);

        fake.FailActivityCompletions = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => slots.CompleteTaskActivityWorkItemAsync(a, new TaskMessage()));
        await slots.AbandonTaskActivityWorkItemAsync(a);

        Assert.Equal("b", (await ActivityAsync(slots).WaitAsync(Soon)).Id);
        var third = ActivityAsync(slots);
        await Task.Delay(Briefly);
        Assert.False(third.IsCompleted);
        Assert.Equal(["Complete a", "Abandon a"], fake.Calls);
    }

    [Fact]
    public async Task AFetchThatFindsNothing_GivesItsPlaceBack()
    {
        var (provider, fake) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 1, maxOrchestrations: 1);
        fake.Send((TaskActivityWorkItem)null!);

        Assert.Null(await ActivityAsync(slots));
        Assert.Equal(0, slots.ActivitiesWorking);

        fake.Send(Activity("a"));
        Assert.Equal("a", (await ActivityAsync(slots).WaitAsync(Soon)).Id);
    }

    [Fact]
    public async Task AFetchCancelledWhileWaitingForAPlace_EndsWithTheCancellation_AndTakesNoPlace()
    {
        var (provider, fake) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 1, maxOrchestrations: 1);
        fake.Send(Activity("a"), Activity("b"));
        var a = await ActivityAsync(slots);
        using var stopping = new CancellationTokenSource();

        var waiting = slots.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(30), stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        await slots.CompleteTaskActivityWorkItemAsync(a, new TaskMessage());
        Assert.Equal("b", (await ActivityAsync(slots).WaitAsync(Soon)).Id);
    }

    [Fact]
    public async Task AnOrchestrationEpisode_HoldsItsPlace_UntilTheDispatcherReleasesIt()
    {
        var (provider, fake) = FakeProvider.Create();
        var slots = new DispatchSlots(provider, maxActivities: 1, maxOrchestrations: 1);
        var first = new TaskOrchestrationWorkItem { InstanceId = "x", OrchestrationRuntimeState = Working() };
        fake.Send(first, new TaskOrchestrationWorkItem { InstanceId = "y", OrchestrationRuntimeState = Working() });
        Assert.Same(first, await slots.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), CancellationToken.None));

        var second = slots.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await slots.CompleteTaskOrchestrationWorkItemAsync(first, first.OrchestrationRuntimeState, [], [], [], null!, null!);
        await Task.Delay(Briefly);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, slots.OrchestrationsWorking);

        await slots.ReleaseTaskOrchestrationWorkItemAsync(first);
        Assert.Equal("y", (await second.WaitAsync(Soon)).InstanceId);
        Assert.Contains("Release x", fake.Calls);
    }

    private static TaskActivityWorkItem Activity(string id) => new() { Id = id, TaskMessage = new TaskMessage() };

    private static Task<TaskActivityWorkItem> ActivityAsync(DispatchSlots slots) =>
        slots.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(30), CancellationToken.None);
}
