using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A creation run: plan (files and API) → the shared candidate loop, approval and commit of <see cref="RunFlow"/>;
/// the commit creates the object with version 1 in draft. Instance id = run id.
/// </summary>
[DurableTask(nameof(CreationOrchestrator))]
public sealed partial class CreationOrchestrator : TaskOrchestrator<RunInput, RunFinish>
{
    public override async Task<RunFinish> RunAsync(TaskOrchestrationContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finish = await new RunFlow(context, input).RunAsync(flow => flow.StepAsync(RunStepNames.Plan, context.CallPlanAsync(flow.Input)));
        LogFinished(context.CreateReplaySafeLogger<CreationOrchestrator>(), input.RunId, finish.Status);
        return finish;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creation run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status);
}
