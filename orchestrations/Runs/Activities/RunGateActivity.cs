using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// One verifiable gate (compile and policy, API contract, kept tests, the candidate's tests, or mutation) on one candidate. No model is
/// involved and no candidate code runs in the host. Bounded: the engine redelivers an activity that outlives its
/// work-item visibility timeout, so a gate never runs longer than <see cref="Bound"/>.
/// </summary>
[DurableTask(nameof(RunGateActivity))]
public sealed class RunGateActivity(RunMaterials materials, RunSteps steps, RunStore runs, SandboxGates gates)
    : TaskActivity<GateCall, GateReport>
{
    /// <summary>Well under the engine's default five-minute work-item visibility timeout.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public override async Task<GateReport> RunAsync(TaskActivityContext context, GateCall input)
    {
        var (id, i) = (input.RunId, input.Iteration);
        var step = RunStepNames.Gate(i, input.Gate);
        return await runs.OnStepAsync(id, step, async () =>
        {
            var gateRequest = await materials.GateRequestAsync(id, i);
            // A gate only checks, in the sandbox: a redelivery may check again, and the first record stands.
            var (report, _) = await steps.RunRepeatableAsync(id, step, i, async ct =>
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bound.CancelAfter(Bound);
                return await gates.RunOneAsync(input.Gate, gateRequest, bound.Token);
            });
            return report;
        });
    }
}
