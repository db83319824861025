using DurableObjects.Functions.IntegrationTests.FunctionsApp;
using DurableObjects.Orchestrations.Engine;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>Standalone mode's purge schedule, on a fake clock: a minute after start, then hourly, and never before.</summary>
public sealed class EngineHistoryPurgeTimerTests
{
    [Fact]
    public async Task Timer_PurgesAMinuteAfterStartThenHourly()
    {
        var (clock, client, timer, lifetime) = Start();
        await timer.StartAsync(CancellationToken.None);
        await WaitForAsync(() => clock.Timers == 1);
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.Empty(client.Purged);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => client.Purged.Count == 1);
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromDays(1), Assert.Single(client.Purged).CreatedTo);

        await WaitForAsync(() => clock.Timers == 2);
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100);
        Assert.Single(client.Purged);
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => client.Purged.Count == 2);

        await timer.StopAsync(CancellationToken.None);
        timer.Dispose();
        lifetime.Dispose();
    }

    [Fact]
    public async Task Timer_AfterAFailedPurge_TimeoutIncluded_GoesOn()
    {
        var (clock, client, timer, lifetime) = Start();
        client.FailNextPurge = new TaskCanceledException("The purge timed out.");
        await timer.StartAsync(CancellationToken.None);
        await WaitForAsync(() => clock.Timers == 1);

        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => clock.Timers == 2);
        clock.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(() => client.Purged.Count == 2);

        Assert.False(timer.ExecuteTask!.IsCompleted);
        await timer.StopAsync(CancellationToken.None);
        timer.Dispose();
        lifetime.Dispose();
    }

    private static (CountingClock Clock, RecordingDurableClient Client, EngineHistoryPurgeTimer Timer, StartedLifetime Lifetime) Start()
    {
        var clock = new CountingClock(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var client = RecordingDurableClient.Create();
        var services = new ServiceCollection().AddSingleton<DurableTaskClient>(client).BuildServiceProvider();
        var purge = new EngineHistoryPurge(new EngineClient(services), Options.Create(new EngineRetentionOptions()), clock,
            NullLogger<EngineHistoryPurge>.Instance);
        var lifetime = new StartedLifetime();
        return (clock, client, new EngineHistoryPurgeTimer(purge, clock, lifetime, NullLogger<EngineHistoryPurgeTimer>.Instance), lifetime);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The timer did not get there in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>A fake clock that counts the waits set on it, so the test moves it only once the timer waits.</summary>
    private sealed class CountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        // Counted once the timer is set on the clock: counted before, a test seeing the count could move the clock
        // between the count and the timer's creation, and the timer would then be due an interval after that move.
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }

    /// <summary>A host lifetime that has started already.</summary>
    private sealed class StartedLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _stopped = new();

        public StartedLifetime() => _started.Cancel();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => _stopped.Token;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
            _stopped.Dispose();
        }
    }
}
