using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Keeps unfinished runs going: at start-up, and then every <see cref="PipelineOptions.ResumeSweep"/>, finds the runs
/// storage says are running or awaiting approval and asks each run grain to resume. A run already going is a no-op;
/// one whose silo stopped (a restart, or another node of the cluster lost for good) is activated here and continues
/// at its first unfinished step, its approval expiry included. Without the sweep such a run would wait for some
/// node's next start.
/// </summary>
public sealed partial class RunResumer(
    RunStore runs, IGrainFactory grains, IHostApplicationLifetime lifetime, IOptions<PipelineOptions> options, TimeProvider clock, ILogger<RunResumer> logger)
    : BackgroundService
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
            var interval = options.Value.ResumeSweep;
            while (true)
            {
                await SweepAsync(stoppingToken);
                if (interval <= TimeSpan.Zero)
                {
                    return;
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: the number of runs it resumed. A failure is logged (0) and the next pass tries again.</summary>
    public async Task<int> SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resumed = 0;
            foreach (var runId in await runs.ListUnfinishedAsync(stoppingToken))
            {
                if (await grains.GetGrain<IRunGrain>(runId).ResumeAsync())
                {
                    resumed++;
                }
            }
            if (resumed > 0)
            {
                LogResumed(logger, resumed);
            }
            return resumed;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogResumeFailed(logger, e);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} unfinished run(s)")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming unfinished runs failed; the next sweep tries again")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
