using DurableTask.Core;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Extended sessions for the sidecar's orchestration dispatcher: an orchestration stays loaded on this host between
/// episodes, so its next episode starts from the history in memory instead of a history query to storage (and its
/// decoding). The Azure Storage provider supports this (<c>ExtendedSessionsEnabled</c>: the work item carries an
/// <see cref="IOrchestrationSession"/> to which new messages for the instance are delivered), but only DurableTask.Core's
/// own dispatcher drives it; the sidecar's dispatcher releases every work item after one episode. This wrapper, between
/// the provider and that dispatcher, does what Core's dispatcher does, without holding a dispatcher slot while it waits:
/// <list type="bullet">
/// <item>when the dispatcher releases a work item whose episode was committed and whose orchestration is still running,
/// the session is kept and waits in the background (up to the provider's idle timeout) for the instance's next
/// messages;</item>
/// <item>when they come, the same work item, its history rebuilt as past events, is the next one handed to the
/// dispatcher; when none come in time (a run waiting for an approval) the session is released as before.</item>
/// </list>
/// An episode that failed or was abandoned, a finished orchestration, and any work item while the host stops are
/// released at once. The provider's own rules still hold: an instance has at most one session, messages for it reach
/// the session instead of starting another, and a commit whose history changed underneath (another host took the
/// partition) fails its ETag check and the episode is abandoned. Waiting sessions are bounded by <c>maxWaiting</c>.
/// <para>
/// On a busy host a session lets a fan-out's results gather for <see cref="FanInWindow"/> before it takes them.
/// Measured on the pipeline benchmark (docs/benchmarks.md, "Extended sessions"): sessions alone removed the history
/// queries but the runs then took more episodes (each result its own), for no gain; with the window, fewer episodes
/// and no history queries, ~7 % more runs per second.
/// </para>
/// </summary>
public sealed partial class ExtendedSessions : DelegatingOrchestrationService, IDisposable
{
    /// <summary>Orchestrations loaded at once from which this host counts as busy (see <see cref="FanInWindow"/>).</summary>
    public const int BusyAt = 4;

    private readonly int _maxWaiting;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FetchTurns _fetching = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<TaskOrchestrationWorkItem> _resumed = new();
    private readonly HashSet<TaskOrchestrationWorkItem> _committed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TaskOrchestrationWorkItem, Task> _waits = new(ReferenceEqualityComparer.Instance);
    private TaskCompletionSource _resumedSignal = NewSignal();
    private Task<TaskOrchestrationWorkItem>? _fetch;

    /// <param name="inner">The storage provider, with its extended sessions enabled.</param>
    /// <param name="maxWaiting">Sessions kept waiting for their next messages at most (beyond it a session is released).</param>
    /// <param name="fanInWindow">See <see cref="FanInWindow"/> (zero: none).</param>
    public ExtendedSessions(IOrchestrationService inner, int maxWaiting, TimeSpan fanInWindow, ILogger logger)
        : base(inner)
    {
        _maxWaiting = Math.Max(0, maxWaiting);
        FanInWindow = fanInWindow < TimeSpan.Zero ? TimeSpan.Zero : fanInWindow;
        _logger = logger;
    }

    /// <summary>
    /// How long a busy host lets a fan-out's results gather before it takes them: when an episode leaves two or more
    /// activities outstanding and at least <see cref="BusyAt"/> orchestrations are loaded, the session waits this long
    /// before taking its next messages, so results that arrive close together are replayed in one episode instead of
    /// one each (every episode is a replay, a history write and an instance update). An idle host takes every result at
    /// once: one run alone is not slowed down.
    /// </summary>
    public TimeSpan FanInWindow { get; }

    /// <summary>Sessions waiting for their instance's next messages now.</summary>
    public int WaitingCount
    {
        get { lock (_gate) return _waits.Count; }
    }

    /// <summary>Episodes served from a kept session so far (their history was not read again).</summary>
    public long ResumedTotal => Interlocked.Read(ref _resumedTotal);

    private long _resumedTotal;

    public override Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _fetching.TakeAsync(() => NextAsync(receiveTimeout, cancellationToken), cancellationToken);

    private async Task<TaskOrchestrationWorkItem> NextAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Task resumed;
            lock (_gate)
            {
                if (_resumed.TryDequeue(out var next))
                {
                    return next;
                }
                resumed = _resumedSignal.Task;
            }
            // A session resuming ends the wait too; the provider's fetch then stays outstanding for the next call.
            var fetch = _fetch ??= Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
            if (await Task.WhenAny(fetch, resumed) == fetch)
            {
                _fetch = null;
                return await fetch;
            }
        }
        return null!;
    }

    protected override void OnEpisodeCommitted(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState state)
    {
        // Only a committed episode leaves the history in memory equal to the stored one.
        lock (_gate)
        {
            _committed.Add(workItem);
        }
    }

    public override Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        lock (_gate)
        {
            _committed.Remove(workItem);
        }
        return Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public override Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var keep = _committed.Remove(workItem)
                && workItem.Session is not null
                && !_stopping.IsCancellationRequested
                && _waits.Count < _maxWaiting
                && workItem.OrchestrationRuntimeState is { ExecutionCompletedEvent: null, OrchestrationStatus: OrchestrationStatus.Running };
            if (keep)
            {
                var gather = _waits.Count + 1 >= BusyAt && EngineHistory.Outstanding(workItem.OrchestrationRuntimeState) >= 2
                    ? FanInWindow
                    : TimeSpan.Zero;
                // The wait leaves _waits itself, under this lock, before it hands the work item on or releases it: so
                // the count is never stale once the wait is done, and the key is gone before the work item can come back.
                _waits[workItem] = WaitForMessagesAsync(workItem, gather);
                return Task.CompletedTask;
            }
        }
        return Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    /// <summary>Waits for the instance's next messages; hands the work item out again with them, or releases it.</summary>
    private async Task WaitForMessagesAsync(TaskOrchestrationWorkItem workItem, TimeSpan gather)
    {
        // Always asynchronous from here: the caller registers this wait in _waits (under _gate) before it can leave it.
        await Task.Yield();
        if (gather > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(gather, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        IList<TaskMessage>? messages = null;
        try
        {
            messages = await workItem.Session.FetchNewOrchestrationMessagesAsync(workItem).WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogWaitFailed(_logger, workItem.InstanceId, exception);
        }
        if (messages is { Count: > 0 })
        {
            lock (_gate)
            {
                _waits.Remove(workItem);
                if (!_stopping.IsCancellationRequested)
                {
                    // The sidecar's dispatcher sends the worker past and new events apart, and the provider writes the
                    // new ones after the stored ones: the history so far becomes past events, the new episode adds to it.
                    workItem.NewMessages = messages;
                    workItem.OrchestrationRuntimeState = new OrchestrationRuntimeState(workItem.OrchestrationRuntimeState.Events);
                    workItem.IsExtendedSession = true;
                    _resumed.Enqueue(workItem);
                    Interlocked.Increment(ref _resumedTotal);
                    Interlocked.Exchange(ref _resumedSignal, NewSignal()).TrySetResult();
                    return;
                }
            }
            // Stopping with messages taken from the queue: make them visible again before the session goes.
            await AbandonQuietlyAsync(workItem);
        }
        else
        {
            lock (_gate)
            {
                _waits.Remove(workItem);
            }
        }
        try
        {
            await workItem.Session.EndSessionAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogWaitFailed(_logger, workItem.InstanceId, exception);
        }
        await ReleaseQuietlyAsync(workItem);
    }

    public override async Task StopAsync(bool isForced)
    {
        // Waiting sessions and resumed work items not yet handed out go back to the provider (and their messages to the
        // queue) before it stops.
        Task[] waits;
        List<TaskOrchestrationWorkItem> resumed;
        lock (_gate)
        {
            _stopping.Cancel();
            waits = [.. _waits.Values];
            resumed = [.. _resumed];
            _resumed.Clear();
        }
        await Task.WhenAll(waits);
        foreach (var workItem in resumed)
        {
            await AbandonQuietlyAsync(workItem);
            await ReleaseQuietlyAsync(workItem);
        }
        await Inner.StopAsync(isForced);
    }

    private async Task AbandonQuietlyAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReleaseFailed(_logger, workItem.InstanceId, exception);
        }
    }

    private async Task ReleaseQuietlyAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReleaseFailed(_logger, workItem.InstanceId, exception);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _fetching.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session of {InstanceId} failed while waiting for its next messages or ending; it is released")]
    private static partial void LogWaitFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the session of {InstanceId}")]
    private static partial void LogReleaseFailed(ILogger logger, string instanceId, Exception exception);
}
