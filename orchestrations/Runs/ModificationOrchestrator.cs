using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A modification run: context (the current version) → plan → the shared candidate loop, approval, commit and deploy
/// of <see cref="RunFlow"/> (whose runs of <see cref="RunFlowVersions.Combined"/> prepare in one activity). Instance id = run id.
/// </summary>
[DurableTask(nameof(ModificationOrchestrator))]
public sealed partial class ModificationOrchestrator : TaskOrchestrator<RunInput, RunFinish>
{
    public override async Task<RunFinish> RunAsync(TaskOrchestrationContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finish = await new RunFlow(context, input).RunAsync(async flow =>
        {
            await flow.StepAsync(RunStepNames.Context, context.CallLoadContextAsync(flow.Input));
            return await flow.StepAsync(RunStepNames.Plan, context.CallPlanAsync(flow.Input));
        });
        LogFinished(context.CreateReplaySafeLogger<ModificationOrchestrator>(), input.RunId, finish.Status);
        return finish;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Modification run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status);
}
