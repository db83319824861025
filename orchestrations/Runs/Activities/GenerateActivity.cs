using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Generates iteration N's candidate with the previous iteration's feedback (a model call, once per iteration), or
/// takes the supplied code. The candidate stays in the run's steps; the orchestration gets its summary.
/// </summary>
[DurableTask(nameof(GenerateActivity))]
public sealed class GenerateActivity(
    RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification, CreationPipeline creation, SandboxGates gates)
    : TaskActivity<StepCall, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, StepCall input)
    {
        var (id, i) = (input.RunId, input.Iteration);
        var request = await materials.RequestAsync(id);
        var step = RunStepNames.Generate(i);
        var summary = await runs.OnStepAsync(id, step, async () =>
        {
            var feedback = await materials.FeedbackBeforeAsync(id, i);
            if (request.Kind == RunKind.Creation)
            {
                var creationPlan = await materials.CreationPlanAsync(id);
                return (await steps.RunAsync(id, step, i, (ledger, ct) => creation.GenerateAsync(request, creationPlan, feedback, ledger, ct))).Summary;
            }
            var basis = await materials.BasisAsync(id);
            var plan = await materials.PlanAsync(id);
            return (await steps.RunAsync(id, step, i, (ledger, ct) => modification.GenerateAsync(request, plan, basis, feedback, ledger, ct))).Summary;
        });
        // Every gate starts by waiting for the candidate's compile: start it now, during the engine's hop to the gates.
        // Best effort: the gates compile it anyway when this failed.
        BestEffort.Start(StartCompileAsync(id, i));
        return summary;
    }

    private async Task StartCompileAsync(string runId, int iteration) => gates.StartCompile(await materials.GateRequestAsync(runId, iteration));
}
