using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Domain;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>The settings this run uses (request, then object policy, then host defaults), fixed at the run's start.</summary>
[DurableTask(nameof(ResolvePolicyActivity))]
public sealed class ResolvePolicyActivity(RunMaterials materials, RunSteps steps, RunStore runs, RunPolicyStore policies, IOptions<PipelineOptions> options)
    : TaskActivity<RunInput, EffectivePolicy>
{
    public override async Task<EffectivePolicy> RunAsync(TaskActivityContext context, RunInput input)
    {
        var request = await materials.RequestAsync(input.RunId);
        // A read: a redelivery may resolve again, and the first record is the policy the run keeps.
        var (policy, _) = await steps.RunRepeatableAsync(input.RunId, RunStepNames.Policy, 0, async ct =>
            EffectivePolicy.Resolve(options.Value, await policies.GetAsync(ObjectName.ToKey(request.ObjectName), ct), request));
        await runs.MergeAsync(input.RunId, new Dictionary<string, object?> { [nameof(RunEntity.MaxIterations)] = policy.MaxIterations });
        return policy;
    }
}
