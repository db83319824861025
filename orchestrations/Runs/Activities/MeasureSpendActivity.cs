using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// What the run has spent so far against its budget, read from its recorded steps. The orchestrator calls this before
/// each priced step of a run with a budget and decides on the result: the engine journals it, so a replay decides
/// the same way without reading storage again.
/// </summary>
[DurableTask(nameof(MeasureSpendActivity))]
public sealed class MeasureSpendActivity(RunMaterials materials, RunSteps steps, IOptions<BudgetPrices> prices)
    : TaskActivity<RunInput, RunSpend>
{
    public override async Task<RunSpend> RunAsync(TaskActivityContext context, RunInput input)
    {
        var policy = await materials.PolicyAsync(input.RunId);
        return RunSpendCalculator.Measure(await steps.LoadAsync(input.RunId), policy.Budget, prices.Value);
    }
}
