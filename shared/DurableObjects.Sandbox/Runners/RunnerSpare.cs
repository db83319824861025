using System.Collections.Concurrent;
using DurableObjects.Runner.Protocol;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Runner processes started ahead of need (<see cref="RunnerOptions.WarmSpares"/> of them), with the same launcher
/// and limits as any other, each warmed — it has run the load-and-invoke path once on the runner's own sample
/// (<see cref="FrameKind.Warmup"/>) — and waiting for the object it will load. A spare started while the host's checks
/// run, or taken before it was up, skips the warm-up (see <see cref="StartOneAsync"/>): under a burst of runs the
/// CPU is the bottleneck, and a warm-up costs more than it saves. A deploy takes the oldest: ready, its
/// load takes milliseconds instead of a runtime start plus JIT; still warming, waiting for it beats starting another
/// from nothing on a busy machine. Each one taken is replaced in the background once the host's checks
/// (<see cref="BeginCheck"/>: a candidate's gates) have ended, so its start does not compete with the work that took it,
/// and at the latest <see cref="RunnerOptions.SpareRefillDelay"/> after the take, so a host that is always checking still
/// gets its spares back. Where the host may raise a priority again (root), a spare starts and warms at the lowest CPU
/// priority and is raised to normal when taken, so a refill only uses what the run finishing meanwhile (its decision,
/// commit and deploy) and the next run's start leave idle. A spare has loaded no object code.
/// </summary>
internal sealed class RunnerSpare(RunnerOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentQueue<Spare> _spares = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _count;
    private bool _disposed;
    private int _warmed;
    private int _startedCold;

    // Checks running now, how many have begun (a refill waits for a settle with none begun), and a task completed
    // whenever none runs; guarded by _checkGate.
    private readonly Lock _checkGate = new();
    private int _checks;
    private long _checksBegun;
    private TaskCompletionSource _noChecks = Completed();

    /// <summary>How long no check must be running before a refill starts: gates of one candidate start a few ms apart.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(25);

    /// <summary>Checks (a candidate's gates) running now; refills wait for none.</summary>
    public int Checks
    {
        get
        {
            lock (_checkGate)
            {
                return _checks;
            }
        }
    }

    /// <summary>Marks a check as running until the scope is disposed: refills wait for the host's checks to end.</summary>
    public IDisposable BeginCheck()
    {
        lock (_checkGate)
        {
            if (_checks++ == 0)
            {
                _noChecks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            _checksBegun++;
        }
        return new CheckScope(this);
    }

    private void EndCheck()
    {
        lock (_checkGate)
        {
            if (--_checks == 0)
            {
                _noChecks.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    /// <summary>Process ids of the spares that are up and ready (warmed unless started while checks ran).</summary>
    public IEnumerable<int> ReadyProcessIds => _spares
        .Select(s => s.Ready)
        .Where(t => t.IsCompletedSuccessfully && t.Result is { HasExited: false })
        .Select(t => t.Result!.ProcessId);

    /// <summary>Spares started or warming, not yet taken.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Spares that ran the warm-up before they were ready, and spares that skipped it (see <see cref="StartOneAsync"/>).</summary>
    public (int Warmed, int StartedCold) Starts => (Volatile.Read(ref _warmed), Volatile.Read(ref _startedCold));

    /// <summary>Starts the spares in the background (when spares are enabled).</summary>
    public void Prime() => Replenish();

    /// <summary>A started runner process: the oldest spare (waiting for its warm-up if need be), else a fresh start.</summary>
    public async Task<RunnerProcess> TakeAsync(CancellationToken cancellationToken)
    {
        while (_spares.TryDequeue(out var taken))
        {
            Interlocked.Decrement(ref _count);
            taken.Take();
            var next = taken.Ready;
            ReplenishLater();
            RunnerProcess? spare;
            try
            {
                spare = await next.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up while the spare was warming: stop that process once it is up, not leak it.
                _ = next.ContinueWith(t => t.Result?.DisposeAsync().AsTask(), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                throw;
            }
            if (spare is { HasExited: false })
            {
                return spare;
            }
            if (spare is not null)
            {
                await spare.DisposeAsync().ConfigureAwait(false);
            }
        }
        ReplenishLater();
        return RunnerProcess.Start(options, logger);
    }

    private void ReplenishLater()
    {
        if (options.SpareRefillDelay <= TimeSpan.Zero)
        {
            Replenish();
            return;
        }
        _ = Task.Run(WhenChecksEndAsync);
    }

    /// <summary>
    /// Waits until no check has run for <see cref="Settle"/>, or until the refill delay has passed, then refills: it
    /// sleeps until the last check ends (signalled, not polled), then for the settle, and starts over when a check began
    /// meanwhile.
    /// </summary>
    private async Task WhenChecksEndAsync()
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(options.SpareRefillDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        try
        {
            while (true)
            {
                var remaining = TimeSpan.FromSeconds((double)(deadline - TimeProvider.System.GetTimestamp()) / System.Diagnostics.Stopwatch.Frequency);
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }
                Task noChecks;
                long begun;
                lock (_checkGate)
                {
                    (noChecks, begun) = (_noChecks.Task, _checksBegun);
                }
                if (!noChecks.IsCompleted)
                {
                    try
                    {
                        await noChecks.WaitAsync(remaining, _stopping.Token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        break;
                    }
                    continue;
                }
                await Task.Delay(remaining < Settle ? remaining : Settle, _stopping.Token).ConfigureAwait(false);
                lock (_checkGate)
                {
                    if (_checks == 0 && _checksBegun == begun)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Replenish();
    }

    private void Replenish()
    {
        while (!_disposed && Volatile.Read(ref _count) < options.WarmSpares)
        {
            if (Interlocked.Increment(ref _count) > options.WarmSpares)
            {
                Interlocked.Decrement(ref _count);
                return;
            }
            var spare = new Spare();
            spare.Ready = Task.Run(() => StartOneAsync(spare));
            _spares.Enqueue(spare);
        }
    }

    /// <summary>A warmed process, or null when it could not start or warm (the taker then starts one itself).</summary>
    private async Task<RunnerProcess?> StartOneAsync(Spare spare)
    {
        RunnerProcess started;
        try
        {
            started = RunnerProcess.Start(options, logger, background: true);
            spare.Started(started);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            RunnerLog.StartFailed(logger, new RunnerKey("(spare)", ""), ex.Message);
            return null;
        }
        try
        {
            // Warming is work ahead of need, worth it when the CPU has time to spare: not while the host's checks keep
            // it busy (a burst of runs), nor for a spare already taken (its taker waits). Such a spare only answers a
            // ping; its first request compiles what it uses, and the part of the warm-up it would never use (the
            // sample's own code, the invoke path of a checking runner that is never invoked) is not paid at all.
            var warm = Checks == 0 && !spare.IsTaken;
            var answer = ResponseDecoder.Decode(await started.SendAsync(
                warm ? FrameKind.Warmup : FrameKind.Ping, [], options.StartTimeout, CancellationToken.None).ConfigureAwait(false));
            if (answer.IsOk && !_disposed)
            {
                Interlocked.Increment(ref warm ? ref _warmed : ref _startedCold);
                return started;
            }
            RunnerLog.StartFailed(logger, new RunnerKey("(spare)", ""), _disposed ? "the pool stopped" : answer.Message ?? answer.Status.ToString());
        }
        catch (Exception ex) when (ex is TimeoutException or RunnerExitedException)
        {
            RunnerLog.StartFailed(logger, new RunnerKey("(spare)", ""), ex.Message);
        }
        await started.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private sealed class CheckScope(RunnerSpare spare) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                spare.EndCheck();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        while (_spares.TryDequeue(out var next))
        {
            if (await next.Ready.ConfigureAwait(false) is { } spare)
            {
                await spare.DisposeAsync().ConfigureAwait(false);
            }
        }
        _stopping.Dispose();
    }

    /// <summary>
    /// One spare: its start (at low priority, see <see cref="RunnerLauncher.CanStartInBackground"/>) and whether it was
    /// taken. Whichever comes second — the process existing or the take — raises it to normal priority, so a taker
    /// that waits for a spare still warming never waits on a low-priority process.
    /// </summary>
    private sealed class Spare
    {
        private readonly Lock _gate = new();
        private RunnerProcess? _process;
        private bool _taken;

        public Task<RunnerProcess?> Ready { get; set; } = Task.FromResult<RunnerProcess?>(null);

        public void Started(RunnerProcess process)
        {
            lock (_gate)
            {
                _process = process;
                if (!_taken)
                {
                    return;
                }
            }
            process.Foreground();
        }

        public bool IsTaken
        {
            get
            {
                lock (_gate)
                {
                    return _taken;
                }
            }
        }

        public void Take()
        {
            RunnerProcess? process;
            lock (_gate)
            {
                _taken = true;
                process = _process;
            }
            process?.Foreground();
        }
    }
}
