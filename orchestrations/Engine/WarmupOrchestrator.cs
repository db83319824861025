using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Engine;

/// <summary>An orchestration that does nothing: started once per host start to take the engine's partition leases early.</summary>
[DurableTask(nameof(WarmupOrchestrator))]
public sealed class WarmupOrchestrator : TaskOrchestrator<object?, bool>
{
    public override Task<bool> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(true);
}
