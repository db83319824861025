using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.IntegrationTests.FunctionsApp;

/// <summary>
/// A Durable Task client like the one the Functions host binds with <c>[DurableClient]</c>: it records what the app
/// schedules, raises and purges, and answers queries with "no such instance". Anything else is not expected of a trigger.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    /// <summary>A new client with nothing recorded.</summary>
    public static RecordingDurableClient Create() => new();

    public ConcurrentQueue<(string Orchestrator, string InstanceId, object? Input)> Scheduled { get; } = new();
    public ConcurrentQueue<(string InstanceId, string EventName, object? Payload)> Raised { get; } = new();
    public ConcurrentQueue<PurgeInstancesFilter> Purged { get; } = new();

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        Scheduled.Enqueue((orchestratorName.Name, id, input));
        return Task.FromResult(id);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Raised.Enqueue((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    private Exception? _failNextPurge;

    /// <summary>Thrown by the next purge (after it is recorded), then cleared.</summary>
    public Exception? FailNextPurge
    {
        get => Volatile.Read(ref _failNextPurge);
        set => Volatile.Write(ref _failNextPurge, value);
    }

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        Purged.Enqueue(filter);
        if (Interlocked.Exchange(ref _failNextPurge, null) is { } failure)
        {
            return Task.FromException<PurgeResult>(failure);
        }
        return Task.FromResult(new PurgeResult(0));
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult<OrchestrationMetadata?>(null);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw Unexpected();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw Unexpected();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unexpected();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unexpected();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw Unexpected();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unexpected() => new("A trigger of the app is not expected to call this.");
}
