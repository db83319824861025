using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// The host's runners, one <see cref="RunnerClient"/> per deployed object version (<see cref="RunnerKey"/>). Clients
/// start their process on first use and stop it when idle, so keeping many deployments registered is cheap.
/// Register as a singleton; the <c>DurableObject</c> grain switches its serving key atomically on deploy and removes
/// the old one when nothing serves it any more.
/// </summary>
public sealed class RunnerPool(RunnerOptions options, ILoggerFactory? loggerFactory = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<RunnerKey, Lazy<RunnerClient>> _clients = new();
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private RunnerSpare? _spare;

    /// <summary>The pool's warm spare process, started on first use of the pool.</summary>
    private RunnerSpare Spare => LazyInitializer.EnsureInitialized(ref _spare, () =>
    {
        var spare = new RunnerSpare(options, _loggers.CreateLogger<RunnerSpare>());
        spare.Prime();
        return spare;
    });

    /// <summary>The options every runner of this pool uses.</summary>
    public RunnerOptions Options => options;

    /// <summary>Keys with a registered client.</summary>
    public IReadOnlyCollection<RunnerKey> Keys => [.. _clients.Keys];

    /// <summary>Returns the client for the deployment's key, creating it (not yet started) if needed.</summary>
    public RunnerClient GetOrAdd(RunnerDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return _clients.GetOrAdd(deployment.Key, _ => new Lazy<RunnerClient>(
            () => new RunnerClient(deployment, options, _loggers.CreateLogger<RunnerClient>()) { ProcessSource = Spare.TakeAsync })).Value;
    }

    /// <summary>
    /// A client of its own for checking work (kept tests, mutants): not registered, started from the pool's warm
    /// spares like any other; the caller disposes it, which stops its process.
    /// </summary>
    public RunnerClient Rent(RunnerDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new RunnerClient(deployment, options, _loggers.CreateLogger<RunnerClient>()) { ProcessSource = Spare.TakeAsync };
    }

    /// <summary>Finds a registered client.</summary>
    public bool TryGet(RunnerKey key, out RunnerClient? client)
    {
        client = _clients.TryGetValue(key, out var lazy) ? lazy.Value : null;
        return client is not null;
    }

    /// <summary>Unregisters a client and stops its runner.</summary>
    public async Task RemoveAsync(RunnerKey key)
    {
        if (_clients.TryRemove(key, out var lazy) && lazy.IsValueCreated)
        {
            await lazy.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the warm spare now (the host calls this at start-up so the first deploy finds one), after
    /// logging the isolation runners will get: an error when a Required isolation is unavailable, a warning when it is
    /// weakened.</summary>
    public void Warm()
    {
        var logger = _loggers.CreateLogger<RunnerPool>();
        var plan = RunnerLauncher.PlanFor(options);
        foreach (var refusal in plan.Refusals)
        {
            RunnerLog.IsolationRefused(logger, refusal);
        }
        foreach (var weakening in plan.Weakenings)
        {
            RunnerLog.IsolationWeakened(logger, weakening);
        }
        RunnerLog.IsolationInForce(logger, plan.RunnerUser, plan.Runner, plan.NetworkMethod ?? "none",
            plan.ControlGroups is { } groups ? $"{groups.Method}, {options.MemoryLimitBytes >> 20} MiB and {options.MaxProcesses} threads per runner" : "none");
        _ = Spare;
    }

    /// <summary>
    /// Marks checking work (a candidate's gate) as running until the scope is disposed. Spares taken meanwhile are
    /// replaced once no check runs any more (or <see cref="RunnerOptions.SpareRefillDelay"/> after the take at the latest),
    /// so a refill's runtime start does not compete with the gates for the CPU.
    /// </summary>
    public IDisposable BeginCheck() => Spare.BeginCheck();

    /// <summary>Spares started or warming, not yet taken (0 before <see cref="Warm"/> or the first runner).</summary>
    internal int SpareCount => _spare?.Count ?? 0;

    /// <summary>How many spares ran the warm-up, and how many skipped it because checks were running.</summary>
    internal (int Warmed, int StartedCold) SpareStarts => _spare?.Starts ?? (0, 0);

    /// <summary>Process ids of the spares that are up and ready (warmed unless started while checks ran).</summary>
    internal IEnumerable<int> SpareProcessIds => _spare?.ReadyProcessIds ?? [];

    /// <summary>The isolation runners get under this pool's options, and what a live runner shows in /proc.</summary>
    public RunnerIsolation Isolation()
    {
        var plan = RunnerLauncher.PlanFor(options);
        var observed = _clients.Values.Where(l => l.IsValueCreated).Select(l => l.Value.ProcessId)
            .OfType<int>()
            .Concat(_spare?.ReadyProcessIds ?? [])
            .Select(ObservedRunner.TryRead)
            .FirstOrDefault(o => o is not null);
        var problems = new List<string>(plan.Refusals);
        problems.AddRange(plan.Weakenings);
        if (observed is not null && plan.Unprivileged && observed.Uid == 0)
        {
            problems.Add($"Runner process {observed.ProcessId} runs as root although it should not.");
        }
        if (observed is not null && plan.UserIds is { } ids && (observed.Uid < ids.First || observed.Uid - ids.First >= ids.Count))
        {
            problems.Add($"Runner process {observed.ProcessId} runs as uid {observed.Uid}, outside the runners' own ids ({ids.Describe()}).");
        }
        if (observed is not null && plan.NoNewPrivileges && !observed.NoNewPrivileges)
        {
            problems.Add($"Runner process {observed.ProcessId} may gain privileges (no_new_privs is not set) although it should not.");
        }
        if (observed is not null && plan.UserIds is not null && !observed.NoCapabilities)
        {
            problems.Add($"Runner process {observed.ProcessId} keeps a capability bounding set although it should not.");
        }
        if (observed is not null && plan.Prefix.Contains("--ipc") && !observed.OwnIpcNamespace)
        {
            problems.Add($"Runner process {observed.ProcessId} shares the host's IPC namespace although it should not.");
        }
        if (observed is not null && plan.NetworkIsolated && !observed.OwnNetworkNamespace)
        {
            problems.Add($"Runner process {observed.ProcessId} shares the host's network namespace although it should not.");
        }
        if (observed is not null && plan.UserIds is not null &&
            observed.ProcessLimit?.StartsWith($"{options.MaxProcesses} {options.MaxProcesses} ", StringComparison.Ordinal) != true)
        {
            problems.Add($"Runner process {observed.ProcessId} may start more than {options.MaxProcesses} threads and processes (RLIMIT_NPROC) although it should not.");
        }
        if (observed is not null && plan.ControlGroups is not null &&
            (observed.ControlGroup is null || observed.MemoryLimitBytes != options.MemoryLimitBytes || observed.MaxProcesses != options.MaxProcesses))
        {
            problems.Add($"Runner process {observed.ProcessId} is not in a control group of its own with the configured limits although it should be.");
        }
        var status = plan.Refusals.Count > 0 ? "refused" : problems.Count > 0 ? "weakened" : "enforced";
        return new RunnerIsolation(status, options.NetworkIsolation.ToString(), plan.NetworkIsolated, plan.NetworkMethod,
            options.DropPrivileges.ToString(), plan.HostUser, plan.RunnerUser, plan.Unprivileged, plan.Runner, plan.ControlGroups?.Method,
            EmptyEnvironment: true,
            new RunnerLimits(options.HeapHardLimitBytes, options.CpuTimeLimitSeconds, options.InvocationTimeout.TotalSeconds,
                options.MaxResultBytes, options.MaxOutputBytes, options.MaxConcurrency, options.MemoryLimitBytes, options.MaxProcesses),
            observed, problems);
    }

    public async ValueTask DisposeAsync()
    {
        if (_spare is { } spare)
        {
            await spare.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var key in _clients.Keys)
        {
            await RemoveAsync(key).ConfigureAwait(false);
        }
    }
}
