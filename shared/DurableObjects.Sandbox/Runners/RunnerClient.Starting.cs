using System.Text.Json;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Sandbox.Runners;

/// <summary>Starting (and restarting) the runner process of a <see cref="RunnerClient"/>.</summary>
public sealed partial class RunnerClient
{
    /// <summary>Where new runner processes come from: a pool's warm spare, or (when unset) a fresh start.</summary>
    internal Func<CancellationToken, Task<RunnerProcess>>? ProcessSource { get; init; }

    private async Task<(RunnerProcess? Process, InvocationOutcome? Failure)> EnsureStartedAsync(
        CancellationToken cancellationToken)
    {
        if (_current is { HasExited: false } running)
        {
            return (running, null);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { HasExited: false } started)
            {
                return (started, null);
            }

            if (_current is { } dead)
            {
                await dead.DisposeAsync().ConfigureAwait(false);
                _current = null;
            }

            // An object that cannot start (its constructor throws, say) must not turn every call into a process
            // start: within the back-off window callers get the last failure at once.
            if (_lastStartFailure is { } last &&
                _time.GetUtcNow().UtcTicks - last.AtTicks < _options.RestartBackoff.Ticks)
            {
                return (null, last.Outcome);
            }

            var (process, failure) = await StartNewAsync(cancellationToken).ConfigureAwait(false);
            _lastStartFailure = failure is null ? null : (failure, _time.GetUtcNow().UtcTicks);
            return (process, failure);
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task<(RunnerProcess?, InvocationOutcome?)> StartNewAsync(CancellationToken cancellationToken)
    {
        RunnerProcess process;
        try
        {
            process = ProcessSource is { } source
                ? await source(cancellationToken).ConfigureAwait(false)
                : RunnerProcess.Start(_options, _logger);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException
                                       or System.ComponentModel.Win32Exception)
        {
            RunnerLog.StartFailed(_logger, Deployment.Key, ex.Message);
            return (null, InvocationOutcome.Failure(InvocationStatus.RunnerUnavailable, $"The runner could not start: {ex.Message}"));
        }

        Interlocked.Increment(ref _starts);
        var load = FrameBody.Pack(
            JsonSerializer.SerializeToUtf8Bytes(new LoadRequest(Deployment.ApiClass, Deployment.TestClass), ProtocolJson.Options),
            Deployment.Assembly);
        InvocationOutcome outcome;
        try
        {
            outcome = ResponseDecoder.Decode(await process.SendAsync(FrameKind.Load, load, _options.StartTimeout,
                cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException)
        {
            outcome = InvocationOutcome.Failure(InvocationStatus.Timeout,
                $"Loading the object did not finish within {_options.StartTimeout.TotalMilliseconds:F0} ms.");
        }
        catch (RunnerExitedException ex)
        {
            outcome = InvocationOutcome.Failure(InvocationStatus.RunnerCrashed, $"The runner stopped while loading the object: {ex.Message}.");
        }

        if (!outcome.IsOk)
        {
            RunnerLog.StartFailed(_logger, Deployment.Key, outcome.Message ?? outcome.Status.ToString());
            process.Kill("the object failed to load");
            await process.DisposeAsync().ConfigureAwait(false);
            // The constructor threw, loading timed out or crashed: say so. Anything else (a protocol problem) means
            // the runner itself is unusable.
            return (null, outcome.Status is InvocationStatus.ObjectThrew or InvocationStatus.Timeout
                or InvocationStatus.RunnerCrashed ? outcome : outcome with { Status = InvocationStatus.RunnerUnavailable });
        }

        if (!process.NetworkIsolated)
        {
            RunnerLog.NotIsolated(_logger, Deployment.Key);
        }

        RunnerLog.Started(_logger, Deployment.Key, process.ProcessId, process.NetworkIsolated, process.Unprivileged);
        _current = process;
        return (process, null);
    }
}
