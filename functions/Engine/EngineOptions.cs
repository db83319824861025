namespace DurableObjects.Functions.Engine;

/// <summary>
/// The Durable Task engine's settings, read from <c>host.json</c>'s <c>extensions.durableTask</c> section — the
/// section Azure Functions reads, so one file configures both modes. Standalone mode serves them through its
/// in-process sidecar over the Azure Storage provider.
/// </summary>
public sealed class EngineOptions
{
    public const string Section = "extensions:durableTask";

    /// <summary>The task hub: its queues, tables and lease blobs share this name (letters and digits, 3–45, a letter first).</summary>
    public string HubName { get; set; } = "DurableObjects";

    /// <summary>
    /// Activities this host runs at once (Durable Functions' name and default: ten per processor). The engine fetches
    /// no more while this many run and takes the next as soon as one ends (<see cref="DispatchSlots"/>): a run fans out
    /// five gates and up to three judges, most of them waiting on a compile or a runner process.
    /// </summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Orchestration episodes this host replays at once (Durable Functions' name and default: ten per processor; kept
    /// by <see cref="DispatchSlots"/> in standalone mode).
    /// </summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Runs working on this host at once (ours, not a Durable Functions setting; standalone mode). A run started beyond
    /// it waits, in arrival order, until an active run ends or stops to wait for an approval (<see cref="RunAdmission"/>).
    /// Default 25 per processor: on two cores, 100 runs started at once with 50 active finished ~4 % sooner on average
    /// and the median run 35–45 % sooner than with all admitted (docs/benchmarks.md, "Run admission"). 0 admits every run.
    /// </summary>
    public int MaxActiveRuns { get; set; } = 25 * Environment.ProcessorCount;

    /// <summary>
    /// Whether an orchestration stays loaded on this host between its episodes (Durable Functions' name; its default is
    /// off, ours on in standalone mode): the next episode starts from the history in memory instead of reading it from
    /// storage again (<see cref="ExtendedSessions"/>; docs/benchmarks.md, "Extended sessions").
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How long a loaded orchestration waits for its next messages before it is unloaded (Durable Functions' name and default).</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>
    /// Ours (standalone mode, with extended sessions): on a busy host, how long a fan-out's results (a run's gates and
    /// judges) gather before the orchestration replays them, so they take one episode instead of one each
    /// (<see cref="ExtendedSessions.FanInWindow"/>). Default 150 ms; 0 takes each result at once. A host with fewer than
    /// four orchestrations loaded never waits.
    /// </summary>
    public int FanInWindowMilliseconds { get; set; } = 150;

    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>The Azure Storage provider's settings (names as in Durable Functions' host.json).</summary>
    public sealed class StorageProviderOptions
    {
        /// <summary>Control-queue partitions: how many hosts can share orchestration work. Default 4.</summary>
        public int PartitionCount { get; set; } = 4;

        /// <summary>
        /// The longest an idle host waits between queue polls (the polling backs off up to it). Default 250 ms here:
        /// every step of a run is a queue hop, and a poller that backed off during a long gate makes the next hop wait
        /// (docs/benchmarks.md measures the latency and the idle storage transactions it costs).
        /// </summary>
        public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>How long a dequeued orchestration message stays invisible to other hosts (a crashed host's work returns after it).</summary>
        public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The same for activity messages. Every activity must finish well within it (the sidecar does not renew it).</summary>
        public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Orchestration messages the provider fetches ahead of its dispatcher (Durable Functions' name; 256 as on its
        /// dedicated plans). Run starts waiting for admission hold theirs: at most half of this many wait.
        /// </summary>
        public int ControlQueueBufferThreshold { get; set; } = 256;

        /// <summary>How long a partition lease lasts without renewal: how soon another host takes a dead host's partitions.</summary>
        public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);
    }
}
