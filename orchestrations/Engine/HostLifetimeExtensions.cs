using Microsoft.Extensions.Hosting;

namespace DurableObjects.Orchestrations.Engine;

/// <summary>Waiting for the whole host to have started, for hosted timers that need the engine's worker running.</summary>
public static class HostLifetimeExtensions
{
    /// <summary>Completes once <see cref="IHostApplicationLifetime.ApplicationStarted"/> has fired (at once if it has).</summary>
    public static async Task WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
