using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// The activity context an activity class receives when the Functions host runs it: its name, and the orchestration
/// instance from the trigger's binding data (the run id for runs; the activities key their idempotency on their input).
/// </summary>
public sealed class FunctionActivityContext(FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = new(function.FunctionDefinition.Name);

    public override string InstanceId { get; } =
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString() ?? "" : "";
}
