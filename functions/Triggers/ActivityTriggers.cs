using DurableObjects.Orchestrations.Engine;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>Runs an activity class (the one standalone mode registers) for an <c>[ActivityTrigger]</c> function.</summary>
public static class ActivityTriggers
{
    /// <summary>
    /// A new <typeparamref name="TActivity"/> from the invocation's services, run on <paramref name="input"/>, with the
    /// invocation's Durable Task client lent to what it calls (an activity may start or steer orchestrations).
    /// </summary>
    public static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, DurableTaskClient client, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
        using (EngineClient.Use(client))
        {
            return await activity.RunAsync(new FunctionActivityContext(function), input);
        }
    }
}
