using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DurableObjects.Runner.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Supervises the runner process of one deployed object version: starts it on demand (and loads the object),
/// invokes methods with a wall-clock timeout, kills and lazily restarts it after a timeout or crash, runs the object's
/// shipped tests, and stops it when idle. Thread-safe; many invocations may be in flight at once.
/// </summary>
/// <remarks>
/// Trust model: the assembly must come from <see cref="Compiling.ObjectCompiler"/> (policy-checked twice); the
/// process it runs in is treated as hostile anyway: no network namespace access, empty environment, bounded heap, CPU
/// and wall time, size-checked answers. Whatever it does affects only this runner.
/// </remarks>
public sealed partial class RunnerClient : IAsyncDisposable
{
    private readonly RunnerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ITimer? _idleTimer;
    private RunnerProcess? _current;
    private long _lastUsedTicks;
    private int _starts;
    private int _inFlight;
    private bool _disposed;
    private int _disposeCalls;
    private (InvocationOutcome Outcome, long AtTicks)? _lastStartFailure;

    public RunnerClient(RunnerDeployment deployment, RunnerOptions options, ILogger<RunnerClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        Deployment = deployment ?? throw new ArgumentNullException(nameof(deployment));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger<RunnerClient>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _lastUsedTicks = _time.GetUtcNow().UtcTicks;
        if (options.IdleTimeout > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, options.IdleTimeout.Ticks / 4));
            _idleTimer = _time.CreateTimer(_ => _ = StopIfIdleAsync(), null, period, period);
        }
    }

    /// <summary>The object version this client serves.</summary>
    public RunnerDeployment Deployment { get; }

    /// <summary>Whether a runner process is currently alive.</summary>
    public bool IsRunning => _current is { HasExited: false };

    /// <summary>The OS process id of the current runner, if any.</summary>
    public int? ProcessId => _current is { HasExited: false } p ? p.ProcessId : null;

    /// <summary>Whether the current runner runs in its own network namespace.</summary>
    public bool? NetworkIsolated => _current?.NetworkIsolated;

    /// <summary>Whether the current runner dropped to an unprivileged user.</summary>
    public bool? Unprivileged => _current?.Unprivileged;

    /// <summary>How many runner processes this client has started (restarts included).</summary>
    public int StartCount => Volatile.Read(ref _starts);

    /// <summary>When the runner last served a request.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Starts the runner and loads the object if not running (runs the object's constructor). Used as the
    /// deploy smoke check: a non-Ok outcome says why the object cannot serve.</summary>
    public async Task<InvocationOutcome> StartAsync(CancellationToken cancellationToken = default)
    {
        var (process, failure) = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return process is null ? failure! : InvocationOutcome.Ok("null");
    }

    /// <summary>Invokes a public method of the object with arguments as a JSON object keyed by parameter name.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string method, string? argumentsJson = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (Interlocked.Increment(ref _inFlight) > _options.MaxPendingInvocations)
        {
            Interlocked.Decrement(ref _inFlight);
            return InvocationOutcome.Failure(InvocationStatus.RunnerUnavailable, "Too many invocations are waiting for this object.");
        }
        if (Volatile.Read(ref _disposed))
        {
            // Released (its version no longer serves): the caller takes the runner of the version that serves now.
            Interlocked.Decrement(ref _inFlight);
            throw new ObjectDisposedException(nameof(RunnerClient));
        }

        try
        {
            var body = FrameBody.Pack(Encoding.UTF8.GetBytes(method), Encoding.UTF8.GetBytes(argumentsJson ?? "{}"));
            return await SendAsync(FrameKind.Invoke, body, _options.InvocationTimeout, $"invocation of '{method}'",
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Runs the object's shipped tests in the runner, bounded by <see cref="RunnerOptions.TestTimeout"/>.</summary>
    public async Task<TestRunOutcome> RunTestsAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await SendAsync(FrameKind.RunTests, [], _options.TestTimeout, "object's tests",
            cancellationToken).ConfigureAwait(false);
        return ToTestOutcome(outcome);
    }

    private static TestRunOutcome ToTestOutcome(InvocationOutcome outcome)
    {
        if (!outcome.IsOk)
        {
            return new TestRunOutcome([], outcome);
        }

        TestReport? report;
        try
        {
            report = JsonSerializer.Deserialize<TestReport>(outcome.ResultJson!, ProtocolJson.Options);
        }
        catch (JsonException ex)
        {
            return new TestRunOutcome([], InvocationOutcome.Failure(InvocationStatus.RunnerCrashed,
                $"The runner's test report was malformed: {ex.Message}"));
        }

        return new TestRunOutcome(
            [.. (report?.Tests ?? []).Select(t => new ObjectTestResult(t.Name, t.Passed, t.Message))], null);
    }

    /// <summary>
    /// Runs the tests of another compiled build (the candidate against the kept tests, or a mutant) in this runner, in
    /// a load context of its own that is unloaded afterwards. The assembly must come from
    /// <see cref="Compiling.ObjectCompiler"/>, like any the runner loads. A run that exceeds <paramref name="timeout"/>
    /// kills the runner (it restarts on the next call) and is reported as <see cref="InvocationStatus.Timeout"/>.
    /// </summary>
    public async Task<TestRunOutcome> RunTestsOfAsync(byte[] assembly, string apiClass, string testClass, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var request = JsonSerializer.SerializeToUtf8Bytes(new LoadRequest(apiClass, testClass), ProtocolJson.Options);
        var outcome = await SendAsync(FrameKind.TestAssembly, FrameBody.Pack(request, assembly), timeout, "build's tests",
            cancellationToken).ConfigureAwait(false);
        return ToTestOutcome(outcome);
    }

    /// <summary>Stops the runner (it restarts on the next call). In-flight requests fail as RunnerCrashed.</summary>
    public async Task StopAsync(string reason = "stopped")
    {
        await _startGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _current, null) is { } process)
            {
                await process.DisposeAsync().ConfigureAwait(false);
                RunnerLog.Stopped(_logger, Deployment.Key, reason);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Stops the runner once in-flight calls are done. Idempotent: later calls return at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeCalls, 1) == 1)
        {
            return;
        }
        Volatile.Write(ref _disposed, true);
        Interlocked.MemoryBarrier();
        // Invocations already under way finish before the runner stops: a version switch (a deploy or rollback, seen
        // by this host when its deployment cache refreshes) must not fail calls that were made before it. Bounded by
        // the invocation timeout, which ends any call anyway; calls made from now on are refused and go elsewhere.
        var draining = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _inFlight) > 0 && Stopwatch.GetElapsedTime(draining) < _options.InvocationTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }

        await StopAsync("disposed").ConfigureAwait(false);
        _startGate.Dispose();
    }

    private async Task<InvocationOutcome> SendAsync(FrameKind kind, byte[] body, TimeSpan timeout, string what,
        CancellationToken cancellationToken)
    {
        var (process, failure) = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        if (process is null)
        {
            return failure!;
        }

        Touch();
        try
        {
            var frame = await process.SendAsync(kind, body, timeout, cancellationToken).ConfigureAwait(false);
            return ResponseDecoder.Decode(frame);
        }
        catch (TimeoutException)
        {
            var reason = $"runner restarted: the {what} exceeded its {timeout.TotalMilliseconds:F0} ms limit";
            process.Kill(reason);
            RunnerLog.Ended(_logger, Deployment.Key, process.ProcessId, reason);
            return InvocationOutcome.Failure(InvocationStatus.Timeout,
                $"The {what} did not finish within {timeout.TotalMilliseconds:F0} ms; the runner was restarted.");
        }
        catch (RunnerExitedException ex)
        {
            RunnerLog.Ended(_logger, Deployment.Key, process.ProcessId, ex.Message);
            return InvocationOutcome.Failure(InvocationStatus.RunnerCrashed, $"The runner stopped during the {what}: {ex.Message}.");
        }
        catch (InvalidDataException ex)
        {
            // A malformed answer means the runner cannot be trusted to frame the next one either.
            var reason = $"protocol error: {ex.Message}";
            process.Kill(reason);
            RunnerLog.Ended(_logger, Deployment.Key, process.ProcessId, reason);
            return InvocationOutcome.Failure(InvocationStatus.RunnerCrashed, $"The runner answered the {what} with a malformed frame.");
        }
        finally
        {
            Touch();
        }
    }

    private async Task StopIfIdleAsync()
    {
        try
        {
            if (!_disposed && _current is { HasExited: false, PendingCount: 0 } &&
                Volatile.Read(ref _inFlight) == 0 &&
                _time.GetUtcNow() - LastUsed >= _options.IdleTimeout)
            {
                await StopAsync("idle").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or InvalidOperationException)
        {
            // Disposed concurrently or the process vanished; there is nothing left to stop.
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _time.GetUtcNow().UtcTicks);
}
