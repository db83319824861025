using DurableObjects.Orchestrations.Engine;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Runs one tiny orchestration when the host starts, so the partition leases are taken (about three seconds on this
/// backend) before the first request instead of during it. Bounded: a host whose engine is slow still starts.
/// </summary>
public sealed partial class EngineWarmup(DurableTaskClient client, ILogger<EngineWarmup> logger) : IHostedService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Bound);
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(WarmupOrchestrator), cancellation: limit.Token);
            while (await client.GetInstanceAsync(id, limit.Token) is not { IsCompleted: true })
            {
                await Task.Delay(50, limit.Token);
            }
            await client.PurgeInstanceAsync(id, cancellation: limit.Token);
            LogWarm(logger, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // A warm-up is an optimisation: a slow or unready engine (a cancelled gRPC call, storage still starting)
            // must never keep the host from starting.
            LogSlow(logger, Bound.TotalSeconds, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine warm in {Milliseconds:0} ms")]
    private static partial void LogWarm(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable Task engine not warm within {Seconds} s ({Reason}); starting anyway")]
    private static partial void LogSlow(ILogger logger, double seconds, string reason);
}
