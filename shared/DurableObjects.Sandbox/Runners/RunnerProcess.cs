using System.Collections.Concurrent;
using System.Diagnostics;
using DurableObjects.Runner.Protocol;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// One runner OS process and its protocol connection: sends frames, matches responses to pending requests by id, and
/// fails every pending request when the process ends. Its output is untrusted: frames are size-checked and a protocol
/// violation ends the process.
/// </summary>
internal sealed class RunnerProcess : IAsyncDisposable
{
    private const int StderrLinesLogged = 50;
    private readonly Process _process;
    private readonly FrameWriter _writer;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Frame>> _pending = new();
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly RunnerControlGroups.Group? _group;
    private readonly long _memoryLimitBytes;
    private long _nextId;
    private int _stderrLines;
    private string? _killReason;
    private volatile bool _dead;

    private RunnerProcess(Process process, bool networkIsolated, bool unprivileged, int maxFrameBytes, ILogger logger,
        RunnerControlGroups.Group? group, long memoryLimitBytes)
    {
        _process = process;
        _group = group;
        _memoryLimitBytes = memoryLimitBytes;
        _logger = logger;
        NetworkIsolated = networkIsolated;
        Unprivileged = unprivileged;
        ProcessId = process.Id;
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        _ = Task.Run(() => DrainStandardErrorAsync(process.StandardError));
        _ = Task.Run(() => ReadLoopAsync(new FrameReader(new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024),
            maxFrameBytes)));
    }

    public int ProcessId { get; }

    /// <summary>
    /// Logs the first lines the runner writes to stderr (cut to 500 characters) and drains the rest, never holding
    /// more than one cut line: see <see cref="BoundedLineReader"/>.
    /// </summary>
    private async Task DrainStandardErrorAsync(StreamReader stderr)
    {
        try
        {
            await BoundedLineReader.ReadAsync(stderr, 500, line =>
            {
                if (Interlocked.Increment(ref _stderrLines) <= StderrLinesLogged)
                {
                    RunnerLog.StandardError(_logger, ProcessId, line);
                }
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone and its pipe closed: nothing more to log.
        }
    }

    public bool NetworkIsolated { get; }

    public bool Unprivileged { get; }

    public int PendingCount => _pending.Count;

    /// <summary>Completes with the reason when the process has ended and all pending requests have failed.</summary>
    public Task<string> Exited => _exited.Task;

    /// <summary>True once the process was killed or its output ended: it accepts no more requests.</summary>
    public bool HasExited => _dead;

    /// <param name="background">A spare: start at the lowest CPU priority where this host can raise it again
    /// (<see cref="Foreground"/>).</param>
    public static RunnerProcess Start(RunnerOptions options, ILogger logger, bool background = false)
    {
        var command = RunnerLauncher.Create(options, background);
        var process = new Process { StartInfo = command.Info, EnableRaisingEvents = command.User is not null || command.Group is not null };
        // The runner's user id is free again only once its process has ended (been reaped): until then no other runner
        // may hold it. Its control group can be removed only then, too.
        process.Exited += (_, _) =>
        {
            command.Group?.Release();
            command.User?.Dispose();
        };
        var started = false;
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("The runner process did not start.");
            }
            started = true;
            // Into its group before the host sends it anything, so before any object code loads; the chain before the
            // runtime (unshare, setpriv, prlimit) execs in place, so this pid is the runner's. A process already gone
            // reports its exit like any other.
            command.Group?.Adopt(process.Id);
        }
        catch
        {
            if (started)
            {
                // Not in its group: it must not run. Reaped before its id and group are given back.
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Already exited.
                }
                process.WaitForExit(5000);
            }
            command.Group?.Release();
            command.User?.Dispose();
            process.Dispose();
            throw;
        }
        var maxFrame = options.MaxResultBytes + options.MaxOutputBytes * 4 + 64 * 1024;
        return new RunnerProcess(process, command.NetworkIsolated, command.Unprivileged, maxFrame, logger, command.Group,
            options.MemoryLimitBytes);
    }

    /// <summary>Sends a request and waits for its response; throws <see cref="TimeoutException"/> or
    /// <see cref="RunnerExitedException"/>. The caller decides what a timeout means (usually: kill).</summary>
    public async Task<Frame> SendAsync(FrameKind kind, byte[] body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        if (_dead || !_writer.TryWrite(new Frame(kind, id, body)) || _dead)
        {
            _pending.TryRemove(id, out _);
            throw new RunnerExitedException(_killReason ?? "the runner is not running");
        }

        try
        {
            return await response.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Back to normal CPU priority (nice 0) for every thread of a runner started in the background. Linux keeps a
    /// priority per thread, so each one under /proc/&lt;pid&gt;/task is raised; threads started later inherit it from
    /// the thread that starts them. Best effort: a thread that ended meanwhile, or a host that may not raise priorities,
    /// leaves the runner as it is (slower, never less isolated).
    /// </summary>
    public void Foreground()
    {
        if (!OperatingSystem.IsLinux() || _dead)
        {
            return;
        }
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}/task"))
            {
                if (int.TryParse(Path.GetFileName(task), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var thread))
                {
                    _ = NativePriority.SetThreadPriority(thread, 0);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is gone (or /proc is not readable): nothing to raise.
        }
    }

    /// <summary>Kills the process; every pending request fails with <paramref name="reason"/>.</summary>
    public void Kill(string reason)
    {
        Interlocked.CompareExchange(ref _killReason, reason, null);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        FailPending(_killReason);
    }

    /// <summary>Asks the runner to exit by closing its stdin; kills it if it has not exited after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.CompareExchange(ref _killReason, "the runner was stopped", null);
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe is already broken: the process is gone or going.
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(_killReason!);
        }

        FailPending(_killReason!);
        _process.Dispose();
    }

    private async Task ReadLoopAsync(FrameReader reader)
    {
        string reason;
        try
        {
            while (await reader.ReadAsync().ConfigureAwait(false) is { } frame)
            {
                if (frame.Kind == FrameKind.Response && _pending.TryGetValue(frame.Id, out var waiter))
                {
                    waiter.TrySetResult(frame);
                }
            }

            reason = "the runner exited";
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
        {
            reason = $"protocol error: {ex.Message}";
            Kill(reason);
        }

        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            reason = _group is { OomKills: > 0 }
                ? $"the runner reached its memory limit ({_memoryLimitBytes >> 20} MiB, Runner:MemoryLimitBytes) and was ended by the kernel"
                : $"{reason} (exit code {_process.ExitCode}{Describe(_process.ExitCode)})";
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Exit code unavailable; the reason stands.
        }

        reason = _killReason ?? reason;
        _killReason ??= reason;
        FailPending(reason);
        _exited.TrySetResult(reason);
    }

    private void FailPending(string reason)
    {
        _dead = true;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(new RunnerExitedException(reason));
            }
        }
    }

    private static string Describe(int exitCode) => exitCode switch
    {
        134 => ": aborted, e.g. stack overflow",
        137 => ": killed",
        152 => ": CPU time limit exceeded",
        _ => "",
    };
}
