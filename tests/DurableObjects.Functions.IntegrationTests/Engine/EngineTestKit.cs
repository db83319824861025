using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>Timings, waits and orchestration histories shared by the tests of the sidecar's provider wrappers.</summary>
internal static class EngineTestKit
{
    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Briefly = TimeSpan.FromMilliseconds(300);

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(10);
        }
    }

    public static ExecutionStartedEvent Started() =>
        new(0, "{}") { Name = "ModificationOrchestrator", OrchestrationInstance = new OrchestrationInstance { InstanceId = "x" } };

    /// <summary>A run with one activity scheduled and not reported back.</summary>
    public static OrchestrationRuntimeState Working() => new([Started(), new TaskScheduledEvent(1) { Name = "Gate" }]);

    /// <summary>A run with two activities out at once (a fan-out).</summary>
    public static OrchestrationRuntimeState FanOut() =>
        new([Started(), new TaskScheduledEvent(1) { Name = "Gate" }, new TaskScheduledEvent(2) { Name = "Judge" }]);

    /// <summary>A run whose activities all reported back: it waits for an event (an approval) or a timer.</summary>
    public static OrchestrationRuntimeState WaitingForEvent() =>
        new([Started(), new TaskScheduledEvent(1) { Name = "Gate" }, new TaskCompletedEvent(2, 1, "{}")]);

    public static OrchestrationRuntimeState Ended() =>
        new([Started(), new TaskScheduledEvent(1) { Name = "Gate" }, new TaskCompletedEvent(2, 1, "{}"), new ExecutionCompletedEvent(3, "{}", OrchestrationStatus.Completed)]);
}
