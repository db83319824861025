using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Run admission: the storage provider as the sidecar's orchestration dispatcher sees it, with at most
/// <see cref="EngineOptions.MaxActiveRuns"/> runs working on this host at once. A run's first episode (its
/// <c>ExecutionStarted</c> message) beyond that limit is held here, its message still locked in the control queue, and
/// handed to the dispatcher in arrival order as soon as an active run stops working. Everything else (later episodes,
/// monitor scans, approvals, cancels of admitted runs) passes straight through.
/// <para>
/// Why: the engine's activity queue is first in, first out. With every run started at once, all runs' gates queue ahead
/// of every run's conclusion, so the runs move through the pipeline in lockstep and finish together; the last seconds are
/// then the storage-bound commits and deploys of all of them, with the cores half idle. Admitting a bounded number keeps
/// compiles, runner processes and storage work of runs at different stages overlapping (docs/benchmarks.md, "Run
/// admission").
/// </para>
/// <para>
/// A run is active from its admission until an episode leaves it with no activity outstanding: it ended, or it waits
/// for something that is not work of this host (a person's approval, a durable timer). Episodes of an instance run on
/// the host that holds its partition, so the count is exact per host; an entry not heard of for
/// <see cref="StaleAfter"/> (its partition moved to another host) is dropped. Held messages are renewed before their
/// visibility timeout ends, released to the queue when the host stops (a crash returns them after the timeout, as any
/// message being worked on), and never more than <c>maxHeld</c> at once: they count against the provider's control-queue
/// buffer, so past that a start is admitted over the limit rather than starve the episodes that would free a place.
/// A cancel of a held run waits behind its start and takes effect once the run is admitted. A run that resumes after an
/// approval is not counted again: only starts wait.
/// </para>
/// </summary>
public sealed partial class RunAdmission : DelegatingOrchestrationService, IDisposable
{
    /// <summary>An active run not heard of for this long is no longer counted (its partition moved to another host).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    private readonly int _maxActive;
    private readonly int _maxHeld;
    private readonly TimeSpan _renewEvery;
    private readonly IReadOnlySet<string> _runOrchestrators;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FetchTurns _fetching = new();
    private readonly Dictionary<string, DateTimeOffset> _active = new(StringComparer.Ordinal);
    private readonly LinkedList<Held> _held = new();
    private TaskCompletionSource _freed = NewSignal();
    private Task<TaskOrchestrationWorkItem>? _fetch;
    private Task? _renewal;
    private bool _stopped;

    /// <param name="inner">The storage provider.</param>
    /// <param name="maxActive">Runs working on this host at once (at least 1).</param>
    /// <param name="maxHeld">Starts held at most (below the provider's control-queue buffer threshold).</param>
    /// <param name="lockTimeout">The control queue's visibility timeout: held messages are renewed at half of it.</param>
    /// <param name="runOrchestrators">Names of the orchestrators whose starts are admitted (the runs).</param>
    public RunAdmission(IOrchestrationService inner, int maxActive, int maxHeld, TimeSpan lockTimeout,
        IReadOnlySet<string> runOrchestrators, ILogger logger, TimeProvider? clock = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(runOrchestrators);
        _maxActive = Math.Max(1, maxActive);
        _maxHeld = Math.Max(0, maxHeld);
        _renewEvery = lockTimeout / 2;
        _runOrchestrators = runOrchestrators;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Runs working on this host now.</summary>
    public int ActiveCount
    {
        get { lock (_gate) return _active.Count; }
    }

    /// <summary>Run starts waiting for a place now.</summary>
    public int HeldCount
    {
        get { lock (_gate) return _held.Count; }
    }

    public override Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _fetching.TakeAsync(() => NextAsync(receiveTimeout, cancellationToken), cancellationToken);

    private async Task<TaskOrchestrationWorkItem> NextAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (TakeAdmissible() is { } admitted)
            {
                return admitted;
            }
            Task freed;
            bool holding;
            lock (_gate)
            {
                freed = _freed.Task;
                holding = _held.Count > 0;
            }
            var fetch = _fetch ??= Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
            if (holding)
            {
                // While starts are held, a freed place or a due renewal ends the wait too; the provider's fetch stays
                // outstanding for the next call. One renewal timer at a time, not one per wait.
                var renewal = _renewal ??= Task.Delay(_renewEvery / 2, _clock, CancellationToken.None);
                var done = await Task.WhenAny(fetch, freed, renewal);
                if (done == renewal)
                {
                    _renewal = null;
                    await RenewHeldAsync();
                }
                if (done != fetch)
                {
                    continue;
                }
            }
            _fetch = null;
            var item = await fetch;
            if (item is null || Admit(item))
            {
                return item!;
            }
        }
        return null!;
    }

    protected override void OnEpisodeCommitted(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState state)
    {
        lock (_gate)
        {
            if (!_active.ContainsKey(workItem.InstanceId))
            {
                return;
            }
            if (EngineHistory.IsWorking(state))
            {
                _active[workItem.InstanceId] = _clock.GetUtcNow();
                return;
            }
            _active.Remove(workItem.InstanceId);
            SignalFreed();
        }
    }

    /// <summary>Whether the work item goes to the dispatcher now (false: it is held).</summary>
    private bool Admit(TaskOrchestrationWorkItem item)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (!IsRunStart(item) || _active.ContainsKey(item.InstanceId))
            {
                if (_active.ContainsKey(item.InstanceId))
                {
                    _active[item.InstanceId] = now;
                }
                return true;
            }
            DropStale(now);
            if (_held.Count == 0 && _active.Count < _maxActive)
            {
                _active[item.InstanceId] = now;
                return true;
            }
            if (_held.Count >= _maxHeld || _stopped)
            {
                // Over the limit rather than hold more messages than the provider buffers (or hold any while stopping).
                _active[item.InstanceId] = now;
                LogOverLimit(_logger, item.InstanceId, _active.Count, _held.Count);
                return true;
            }
            _held.AddLast(new Held(item, now));
            LogHeld(_logger, item.InstanceId, _active.Count, _held.Count);
            return false;
        }
    }

    /// <summary>The oldest held start, when a place is free.</summary>
    private TaskOrchestrationWorkItem? TakeAdmissible()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropStale(now);
            if (_held.First is not { } first || _active.Count >= _maxActive)
            {
                return null;
            }
            _held.RemoveFirst();
            _active[first.Value.Item.InstanceId] = now;
            return first.Value.Item;
        }
    }

    private bool IsRunStart(TaskOrchestrationWorkItem item) =>
        item.NewMessages?.Any(message => message.Event is ExecutionStartedEvent started && _runOrchestrators.Contains(started.Name)) == true;

    private void DropStale(DateTimeOffset now)
    {
        List<string>? stale = null;
        foreach (var (instanceId, seen) in _active)
        {
            if (now - seen > StaleAfter)
            {
                (stale ??= []).Add(instanceId);
            }
        }
        foreach (var instanceId in stale ?? [])
        {
            _active.Remove(instanceId);
        }
    }

    private void SignalFreed() => Interlocked.Exchange(ref _freed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Keeps held messages invisible: renews every one whose last renewal is half a visibility timeout old (checked
    /// every quarter, so none goes unrenewed for more than three quarters of it).
    /// </summary>
    private async Task RenewHeldAsync()
    {
        List<LinkedListNode<Held>> due = [];
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            for (var node = _held.First; node is not null; node = node.Next)
            {
                if (now - node.Value.RenewedAt >= _renewEvery)
                {
                    due.Add(node);
                }
            }
        }
        foreach (var node in due)
        {
            try
            {
                await Inner.RenewTaskOrchestrationWorkItemLockAsync(node.Value.Item);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogRenewFailed(_logger, node.Value.Item.InstanceId, exception);
            }
            lock (_gate)
            {
                if (node.List is not null)
                {
                    // The list keeps the arrival order; only the renewal time changes.
                    node.Value = node.Value with { RenewedAt = _clock.GetUtcNow() };
                }
            }
        }
    }

    public override async Task StopAsync(bool isForced)
    {
        // Held starts go back to the queue now (another host, or this one after a restart, takes them at once).
        List<TaskOrchestrationWorkItem> release;
        lock (_gate)
        {
            _stopped = true;
            release = [.. _held.Select(held => held.Item)];
            _held.Clear();
        }
        foreach (var item in release)
        {
            try
            {
                await Inner.AbandonTaskOrchestrationWorkItemAsync(item);
                await Inner.ReleaseTaskOrchestrationWorkItemAsync(item);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogReleaseFailed(_logger, item.InstanceId, exception);
            }
        }
        await Inner.StopAsync(isForced);
    }

    public void Dispose() => _fetching.Dispose();

    private sealed record Held(TaskOrchestrationWorkItem Item, DateTimeOffset RenewedAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {InstanceId} waits for a place ({Active} active, {Held} waiting)")]
    private static partial void LogHeld(ILogger logger, string instanceId, int active, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {InstanceId} admitted over the limit ({Active} active, {Held} waiting: no more can be held)")]
    private static partial void LogOverLimit(ILogger logger, string instanceId, int active, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the held start of run {InstanceId}")]
    private static partial void LogRenewFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not return the held start of run {InstanceId} to its queue")]
    private static partial void LogReleaseFailed(ILogger logger, string instanceId, Exception exception);
}
