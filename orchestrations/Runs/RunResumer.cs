using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>At start-up, finds runs that had not finished when the host stopped and resumes each at its first unfinished step.</summary>
public sealed partial class RunResumer(RunStore runs, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<RunResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The silo is a hosted service too: call grains only once the whole host has started.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            var unfinished = await runs.ListUnfinishedAsync(stoppingToken);
            foreach (var runId in unfinished)
            {
                await grains.GetGrain<IRunGrain>(runId).ResumeAsync();
            }
            if (unfinished.Count > 0)
            {
                LogResumed(logger, unfinished.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogResumeFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} unfinished run(s)")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming unfinished runs failed")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
