using System.Threading.Channels;
using DurableObjects.Functions.Engine;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using static DurableObjects.Functions.IntegrationTests.Engine.EngineTestKit;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>
/// Extended sessions between the storage provider and the sidecar's orchestration dispatcher: a committed episode of a
/// running orchestration keeps its session, which comes back with the instance's next messages and its history as past
/// events; everything else (idle sessions, failed or abandoned episodes, finished orchestrations, a stop) goes back to
/// the provider. The real engine's runs go through it in every test of DurableObjects.Orchestrations.IntegrationTests.
/// </summary>
public sealed class ExtendedSessionsTests
{
    [Fact]
    public async Task ACommittedEpisode_KeepsItsSession_AndComesBackWithTheNextMessages_OnItsHistory()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider);
        var session = new FakeSession();
        var item = Loaded("a", session, Working());
        fake.Send(item);
        Assert.Same(item, await NextAsync(sessions));
        item.OrchestrationRuntimeState.AddEvent(new TaskScheduledEvent(2) { Name = "Gate" });
        var episodeEvents = item.OrchestrationRuntimeState.Events.Count;

        await sessions.CompleteTaskOrchestrationWorkItemAsync(item, item.OrchestrationRuntimeState, [], [], [], null!, null!);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(item);
        var next = NextAsync(sessions);
        await Task.Delay(Briefly);
        Assert.False(next.IsCompleted);
        Assert.Equal(1, sessions.WaitingCount);

        session.Deliver(Completed(1));
        var resumed = await next.WaitAsync(Soon);

        Assert.Same(item, resumed);
        Assert.True(resumed.IsExtendedSession);
        Assert.Equal(EventType.TaskCompleted, Assert.Single(resumed.NewMessages).Event.EventType);
        Assert.Equal(episodeEvents, resumed.OrchestrationRuntimeState.PastEvents.Count);
        Assert.Empty(resumed.OrchestrationRuntimeState.NewEvents);
        Assert.DoesNotContain("Release a", fake.Calls);
        Assert.Equal(1, sessions.ResumedTotal);
    }

    [Fact]
    public async Task ASessionWithNoMessagesInItsIdleTime_GoesBackToTheProvider()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider);
        var session = new FakeSession();
        var item = await CommittedAsync(sessions, fake, Loaded("a", session, Working()));

        await sessions.ReleaseTaskOrchestrationWorkItemAsync(item);
        session.Idle();

        await WaitUntilAsync(() => fake.Calls.Contains("Release a"));
        Assert.True(session.Ended);
        Assert.Equal(0, sessions.WaitingCount);
    }

    [Fact]
    public async Task AFailedOrAbandonedEpisode_AFinishedOrchestration_AndAnItemWithoutASession_AreReleasedAtOnce()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider);

        // Never committed: the dispatcher's execution threw before the commit.
        fake.Send(Loaded("failed", new FakeSession(), Working()));
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await NextAsync(sessions));
        // Committed, then abandoned (the commit's ETag check failed on the provider's side, say).
        var abandoned = await CommittedAsync(sessions, fake, Loaded("abandoned", new FakeSession(), Working()));
        await sessions.AbandonTaskOrchestrationWorkItemAsync(abandoned);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(abandoned);
        // Finished: nothing more will come for it.
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("ended", new FakeSession(), Ended())));
        // The provider gave no session (extended sessions off).
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("plain", null, Working())));

        Assert.Equal(["Release failed", "Abandon abandoned", "Release abandoned", "Release ended", "Release plain"], fake.Calls);
        Assert.Equal(0, sessions.WaitingCount);
    }

    [Fact]
    public async Task NoMoreSessionsWait_ThanItMayKeep()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider, maxWaiting: 1);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("a", new FakeSession(), Working())));
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("b", new FakeSession(), Working())));

        Assert.Equal(["Release b"], fake.Calls);
        Assert.Equal(1, sessions.WaitingCount);
    }

    [Fact]
    public async Task OnABusyHost_AFanOutsResults_GatherForTheWindow_OnAnIdleOneTheyGoAtOnce()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider, fanInWindow: TimeSpan.FromSeconds(2));

        // Alone on the host, a fan-out of two: its first result is taken as soon as it comes.
        var alone = new FakeSession();
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("alone", alone, FanOut())));
        alone.Deliver(Completed(1));
        Assert.Equal("alone", (await NextAsync(sessions).WaitAsync(Soon)).InstanceId);

        // Busy (BusyAt orchestrations loaded): the fan-out's results are not taken before the window has passed.
        for (var i = 1; i < ExtendedSessions.BusyAt; i++)
        {
            await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded($"other{i}", new FakeSession(), Working())));
        }
        var busy = new FakeSession();
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("busy", busy, FanOut())));
        busy.Deliver(Completed(1));
        var next = NextAsync(sessions);
        await Task.Delay(Briefly);
        Assert.False(next.IsCompleted);
        Assert.Equal(0, busy.Fetches);
        Assert.Equal("busy", (await next.WaitAsync(Soon)).InstanceId);
    }

    [Fact]
    public async Task Stop_ReleasesWaitingSessions_BeforeTheProviderStops()
    {
        var (provider, fake) = FakeProvider.Create();
        var sessions = Sessions(provider);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(await CommittedAsync(sessions, fake, Loaded("a", new FakeSession(), Working())));
        Assert.Equal(1, sessions.WaitingCount);

        await sessions.StopAsync(isForced: true);

        Assert.Equal(["Release a", "StopAsync"], fake.Calls);
        Assert.Equal(0, sessions.WaitingCount);
    }

    private static ExtendedSessions Sessions(IOrchestrationService provider, int maxWaiting = 16, TimeSpan? fanInWindow = null) =>
        new(provider, maxWaiting, fanInWindow ?? TimeSpan.Zero, NullLogger.Instance);

    private static Task<TaskOrchestrationWorkItem> NextAsync(ExtendedSessions sessions) =>
        sessions.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>Hands <paramref name="item"/> out through the sessions and commits its episode.</summary>
    private static async Task<TaskOrchestrationWorkItem> CommittedAsync(
        ExtendedSessions sessions, FakeProvider fake, TaskOrchestrationWorkItem item)
    {
        fake.Send(item);
        var handed = await NextAsync(sessions).WaitAsync(Soon);
        await sessions.CompleteTaskOrchestrationWorkItemAsync(handed, handed.OrchestrationRuntimeState, [], [], [], null!, null!);
        return handed;
    }

    private static TaskOrchestrationWorkItem Loaded(string instanceId, IOrchestrationSession? session, OrchestrationRuntimeState state) => new()
    {
        InstanceId = instanceId,
        NewMessages = [],
        OrchestrationRuntimeState = state,
        Session = session,
    };

    private static TaskMessage Completed(int scheduledId) =>
        new() { Event = new TaskCompletedEvent(-1, scheduledId, "{}"), OrchestrationInstance = new OrchestrationInstance { InstanceId = "x" } };

    /// <summary>The provider's session as the wrapper sees it: message batches delivered by the test, or none (idle).</summary>
    private sealed class FakeSession : IOrchestrationSession
    {
        private readonly Channel<IList<TaskMessage>?> _batches = Channel.CreateUnbounded<IList<TaskMessage>?>();
        private int _fetches;

        public int Fetches => Volatile.Read(ref _fetches);

        public void Deliver(params TaskMessage[] messages) => _batches.Writer.TryWrite(messages);

        public void Idle() => _batches.Writer.TryWrite(null);

        public bool Ended { get; private set; }

        public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
        {
            Interlocked.Increment(ref _fetches);
            return await _batches.Reader.ReadAsync();
        }

        public Task EndSessionAsync()
        {
            Ended = true;
            return Task.CompletedTask;
        }
    }
}
