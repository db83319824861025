using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableTask.Core;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// The engine's two concurrency limits (<see cref="EngineOptions.MaxConcurrentActivityFunctions"/> and
/// <see cref="EngineOptions.MaxConcurrentOrchestratorFunctions"/>), kept here by signal instead of by the sidecar's
/// dispatchers. A dispatcher of the sidecar that has reached its limit looks for a free place only every 500 ms, so a
/// place freed just after a look stays empty for up to half a second — under load, when every place is taken most of
/// the time, that is where the cores idled (docs/benchmarks.md, "Dispatch slots"). Here each limit is a count of places:
/// a fetch first takes a place (waiting for one to be freed, woken at once when it is) and then asks the provider; the
/// place is given back when the provider has nothing, or when the work item ends — an activity completed or abandoned,
/// an orchestration episode released by the dispatcher. The dispatchers are told there is no limit, so they never wait
/// on their own.
/// </summary>
public sealed class DispatchSlots : DelegatingOrchestrationService
{
    /// <summary>The limit the dispatchers see: never reached, so only the places here bound the work.</summary>
    public const int Unbounded = 1 << 20;

    private readonly Places<TaskActivityWorkItem> _activities;
    private readonly Places<TaskOrchestrationWorkItem> _orchestrations;

    /// <param name="inner">The provider (with the other wrappers).</param>
    /// <param name="maxActivities">Activities at once (at least 1).</param>
    /// <param name="maxOrchestrations">Orchestration episodes at once (at least 1).</param>
    public DispatchSlots(IOrchestrationService inner, int maxActivities, int maxOrchestrations)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrchestrations, 1);
        _activities = new Places<TaskActivityWorkItem>(maxActivities);
        _orchestrations = new Places<TaskOrchestrationWorkItem>(maxOrchestrations);
    }

    /// <summary>Activities working now.</summary>
    public int ActivitiesWorking => _activities.Taken;

    /// <summary>Orchestration episodes working now.</summary>
    public int OrchestrationsWorking => _orchestrations.Taken;

    public override int MaxConcurrentTaskActivityWorkItems => Unbounded;

    public override int MaxConcurrentTaskOrchestrationWorkItems => Unbounded;

    public override Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _activities.FetchAsync(() => Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken), cancellationToken);

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            _activities.Free(workItem);
        }
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await Inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            _activities.Free(workItem);
        }
    }

    public override Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _orchestrations.FetchAsync(() => Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken), cancellationToken);

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        // The dispatcher releases every work item it fetched, once, whatever became of its episode: its place is free
        // from here (before the provider's release, so an extended session handing the same work item out again
        // takes a place of its own).
        _orchestrations.Free(workItem);
        await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    /// <summary>
    /// A number of places and the work items holding them. A work item gives its place back once, however many of its
    /// endings are reported (a failed completion is followed by an abandon). The free places are tokens in a channel
    /// (nothing to dispose: an activity that ends after the host stopped still frees its place without an error).
    /// </summary>
    private sealed class Places<T> where T : class
    {
        private readonly Channel<bool> _free = Channel.CreateUnbounded<bool>();
        private readonly ConcurrentDictionary<T, byte> _holding = new(ReferenceEqualityComparer.Instance);

        public Places(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _free.Writer.TryWrite(true);
            }
        }

        public int Taken => _holding.Count;

        /// <summary>Takes a place, then fetches; no work item (or a failed fetch) gives the place back at once.</summary>
        public async Task<T> FetchAsync(Func<Task<T>> fetch, CancellationToken cancellationToken)
        {
            // Cancelled while waiting (the dispatcher stops): the cancellation ends its fetch loop, as the provider's would.
            await _free.Reader.ReadAsync(cancellationToken);
            T? item = null;
            try
            {
                item = await fetch();
                return item;
            }
            finally
            {
                if (item is null || !_holding.TryAdd(item, 0))
                {
                    _free.Writer.TryWrite(true);
                }
            }
        }

        public void Free(T item)
        {
            if (_holding.TryRemove(item, out _))
            {
                _free.Writer.TryWrite(true);
            }
        }
    }
}
