namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Limits and locations for runner processes; bind from the <c>Runner</c> section of host.json. Every limit is
/// enforced outside object code: by the OS (network namespace, CPU rlimit), by the .NET runtime of the runner (GC heap
/// hard limit), by the runner (result and output sizes, concurrency) or by the host (wall-clock timeout, kill).
/// </summary>
public sealed class RunnerOptions
{
    /// <summary>Where object code runs (<c>DurableObjects:Runner:Mode</c>). Default <see cref="RunnerMode.Process"/>,
    /// the only mode this version implements.</summary>
    public RunnerMode Mode { get; set; } = RunnerMode.Process;

    /// <summary>For <see cref="RunnerMode.ContainerAppsSessions"/>: the session pool's management endpoint
    /// (<c>DurableObjects:Runner:SessionPoolEndpoint</c>, an absolute https URL; infra/ sets it). Ignored otherwise.</summary>
    public string? SessionPoolEndpoint { get; set; }

    /// <summary>Path of <c>DurableObjects.Runner.dll</c>. Default: <c>runner/DurableObjects.Runner.dll</c> beside the host's
    /// own assemblies (the Sandbox project copies it there), then the host's directory itself.</summary>
    public string? RunnerPath { get; set; }

    /// <summary>Path of the <c>dotnet</c> host executable. Default: the current process if it is dotnet, else
    /// <c>$DOTNET_ROOT/dotnet</c>, else the usual install locations, else <c>dotnet</c> on the PATH.</summary>
    public string? DotnetPath { get; set; }

    /// <summary>Network namespace use. Default <see cref="NetworkIsolationMode.Required"/>: a host that cannot give its
    /// runners their own network namespace starts none, rather than run object code with less isolation than the
    /// documentation promises; <c>Auto</c> runs without and reports it on <c>/health/isolation</c>.</summary>
    public NetworkIsolationMode NetworkIsolation { get; set; } = NetworkIsolationMode.Required;

    /// <summary>Whether a root host starts runners as unprivileged users (each its own, see <see cref="FirstRunnerUid"/>).
    /// Default <see cref="PrivilegeDropMode.Required"/>: object code never runs as root.</summary>
    public PrivilegeDropMode DropPrivileges { get; set; } = PrivilegeDropMode.Required;

    /// <summary>
    /// The first of the user ids a root host's runners run as: each live runner process holds one of
    /// <see cref="RunnerUidCount"/> ids from here (uid and gid alike), so no two runners — of different objects, or a
    /// candidate's and a served version's — share a user that could signal, trace or read the other. Ids named in
    /// <c>/etc/passwd</c> or <c>/etc/group</c> are skipped; ids of other accounts (a directory service's, say) must not
    /// fall in the range. Default 1879048192 (0x70000000), in the block systemd leaves unassigned.
    /// </summary>
    public int FirstRunnerUid { get; set; } = 0x70000000;

    /// <summary>How many user ids from <see cref="FirstRunnerUid"/> runners take in turn (also the most runner processes
    /// a host can have at once). Default 65536.</summary>
    public int RunnerUidCount { get; set; } = 65536;

    /// <summary>Where a root host stages the runner's files for its runners' users (a root-owned 0755 directory per content
    /// hash; every directory on the path must be root-owned and not writable by others). Default
    /// <c>/var/lib/durable-objects/runners</c>.</summary>
    public string StagingDirectory { get; set; } = "/var/lib/durable-objects/runners";

    /// <summary>GC heap hard limit of a runner (<c>DOTNET_GCHeapHardLimit</c>); default 256 MiB.</summary>
    public long HeapHardLimitBytes { get; set; } = 256L << 20;

    /// <summary>Whether each runner gets a control group of its own (<see cref="MemoryLimitBytes"/>,
    /// <see cref="MaxProcesses"/>). Default <see cref="ControlGroupMode.Auto"/>.</summary>
    public ControlGroupMode ControlGroups { get; set; } = ControlGroupMode.Auto;

    /// <summary>The whole memory of one runner process — GC heap, runtime, thread stacks, native memory, the page cache it
    /// causes — bounded by its control group; past it the kernel ends that runner. Must exceed
    /// <see cref="HeapHardLimitBytes"/>. Default 512 MiB.</summary>
    public long MemoryLimitBytes { get; set; } = 512L << 20;

    /// <summary>Where the cgroup hierarchies are mounted. Default <c>/sys/fs/cgroup</c>.</summary>
    public string ControlGroupRoot { get; set; } = RunnerControlGroups.DefaultRoot;

    /// <summary>Threads and processes one runner may have at once: its control group's pids limit and, for a runner with a
    /// user id of its own, RLIMIT_NPROC (which counts per user). A thread or fork past it fails. Default 256 (an idle
    /// runner has about 15 threads).</summary>
    public int MaxProcesses { get; set; } = 256;

    /// <summary>CPU seconds a runner process may use over its lifetime (RLIMIT_CPU via <c>prlimit</c>); when spent the
    /// OS ends it and the next call starts a fresh one. 0 disables. Default 3600.</summary>
    public int CpuTimeLimitSeconds { get; set; } = 3600;

    /// <summary>Wall-clock limit of one invocation; on expiry the runner is killed and restarted. Default 5 s.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wall-clock limit for starting a runner and loading the object (runs its constructor). Default 15 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Wall-clock limit for running all of an object's shipped tests. Default 30 s.</summary>
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest JSON result an invocation may return. Default 1 MiB.</summary>
    public int MaxResultBytes { get; set; } = 1 << 20;

    /// <summary>Console output captured per invocation (the rest is dropped). Default 64 KiB.</summary>
    public int MaxOutputBytes { get; set; } = 64 << 10;

    /// <summary>Invocations a runner executes at once; more wait inside the runner. Default 16.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Invocations the host lets wait on one runner before answering RunnerUnavailable. Default 4096.</summary>
    public int MaxPendingInvocations { get; set; } = 4096;

    /// <summary>After a runner failed to start (e.g. the object's constructor threw), calls within this window get
    /// that failure without another start attempt. Default 1 s.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Runner processes a pool keeps started and warmed ahead of need, so a deploy loads its object into a
    /// process that is already up and has run the load path once. 0 disables. Default 2 (back-to-back deploys).</summary>
    public int WarmSpares { get; set; } = 2;

    /// <summary>
    /// The longest a taken spare's replacement waits to start. A runtime start and warm-up is a few hundred ms of CPU;
    /// started at once, it competes with the work that took the spare (a candidate's gates: tests, the kept tests, the
    /// mutants' compiles) on a small machine — on two cores it tripled a mutant's compile time. So the replacement
    /// starts when the host's checks (<see cref="RunnerPool.BeginCheck"/>) have ended, or this long after the take if they
    /// have not. Zero: at once. Default 0.5 s.
    /// </summary>
    public TimeSpan SpareRefillDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A runner unused this long is stopped; it restarts on the next call. Zero or negative: never. Default 10 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What is wrong with these options, in words that name the setting to change; empty when they are usable.
    /// The host validates them at start-up (and refuses to start on any problem), so a mode this version cannot run
    /// — <see cref="RunnerMode.ContainerAppsSessions"/> — stops the host with that explanation instead of failing at
    /// the first deploy.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            problems.Add($"DurableObjects:Runner:Mode '{Mode}' is not a runner mode: use Process or ContainerAppsSessions.");
        }
        else if (Mode == RunnerMode.ContainerAppsSessions)
        {
            if (!Uri.TryCreate(SessionPoolEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add("DurableObjects:Runner:SessionPoolEndpoint must be the session pool's https management endpoint " +
                             "when DurableObjects:Runner:Mode is ContainerAppsSessions.");
            }
            problems.Add("DurableObjects:Runner:Mode is ContainerAppsSessions, which this version does not implement: object " +
                         "code can only run in runner processes on the host's machine. Set DurableObjects:Runner:Mode to Process " +
                         "(in infra/, runnerMode = 'Process'); infra/README.md, \"Where object code runs\", says what is missing.");
        }

        if (WarmSpares < 0)
        {
            problems.Add("DurableObjects:Runner:WarmSpares cannot be negative.");
        }
        if (SpareRefillDelay < TimeSpan.Zero || SpareRefillDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add("DurableObjects:Runner:SpareRefillDelay must be between 00:00:00 and 00:01:00.");
        }
        if (FirstRunnerUid < 1 || RunnerUidCount < 1 || (long)FirstRunnerUid + RunnerUidCount - 1 > int.MaxValue - 1)
        {
            problems.Add("DurableObjects:Runner:FirstRunnerUid and RunnerUidCount must be positive, and the range must end below 2147483647.");
        }
        if (MaxConcurrency < 1 || MaxPendingInvocations < 1)
        {
            problems.Add("DurableObjects:Runner:MaxConcurrency and MaxPendingInvocations must be at least 1.");
        }
        if (HeapHardLimitBytes <= 0 || MaxResultBytes <= 0 || MaxOutputBytes <= 0)
        {
            problems.Add("DurableObjects:Runner:HeapHardLimitBytes, MaxResultBytes and MaxOutputBytes must be positive.");
        }
        if (!Enum.IsDefined(ControlGroups))
        {
            problems.Add($"DurableObjects:Runner:ControlGroups '{ControlGroups}' is not a mode: use Auto, Required or Disabled.");
        }
        if (MemoryLimitBytes <= HeapHardLimitBytes)
        {
            problems.Add("DurableObjects:Runner:MemoryLimitBytes must be larger than HeapHardLimitBytes (the runtime needs memory beside its GC heap).");
        }
        if (MaxProcesses < 32)
        {
            problems.Add("DurableObjects:Runner:MaxProcesses must be at least 32 (the runtime itself starts about 15 threads).");
        }
        if (InvocationTimeout <= TimeSpan.Zero || StartTimeout <= TimeSpan.Zero || TestTimeout <= TimeSpan.Zero)
        {
            problems.Add("DurableObjects:Runner:InvocationTimeout, StartTimeout and TestTimeout must be positive.");
        }
        return problems;
    }
}
