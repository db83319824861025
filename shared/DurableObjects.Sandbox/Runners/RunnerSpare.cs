using Microsoft.Extensions.Logging;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// One runner process started ahead of need, with the same launcher and limits as any other, waiting for the
/// object it will load. A deploy takes it instead of paying for a process start (the runtime's start-up is most
/// of a deploy's time), and a new spare is started in the background. A spare has loaded no object code.
/// </summary>
internal sealed class RunnerSpare(RunnerOptions options, ILogger logger) : IAsyncDisposable
{
    private RunnerProcess? _ready;
    private int _replenishing;
    private bool _disposed;

    /// <summary>Starts the first spare in the background (when spares are enabled).</summary>
    public void Prime() => Replenish();

    /// <summary>A started runner process: the spare when one is ready, else a fresh start.</summary>
    public RunnerProcess Take()
    {
        var spare = Interlocked.Exchange(ref _ready, null);
        Replenish();
        if (spare is { HasExited: false })
        {
            return spare;
        }
        if (spare is not null)
        {
            _ = spare.DisposeAsync().AsTask();
        }
        return RunnerProcess.Start(options, logger);
    }

    private void Replenish()
    {
        if (options.WarmSpares <= 0 || _disposed || Interlocked.Exchange(ref _replenishing, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var started = RunnerProcess.Start(options, logger);
                if (_disposed || Interlocked.CompareExchange(ref _ready, started, null) is not null)
                {
                    await started.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or System.ComponentModel.Win32Exception)
            {
                // No spare then; Take() starts a process itself and reports the failure to its caller.
                RunnerLog.StartFailed(logger, new RunnerKey("(spare)", ""), ex.Message);
            }
            finally
            {
                Volatile.Write(ref _replenishing, 0);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _ready, null) is { } spare)
        {
            await spare.DisposeAsync().ConfigureAwait(false);
        }
    }
}
