using System.Diagnostics;
using System.Globalization;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Builds the command line and environment of a runner process:
/// <c>[nice -n 19] [unshare --net --ipc --] [setpriv --reuid=U --regid=U --clear-groups --no-new-privs --bounding-set=-all --] [prlimit --cpu=N:N+5 [--nproc=P:P] --] dotnet
/// DurableObjects.Runner.dll --max-… </c>, with an environment that holds nothing but what the .NET runtime needs (no
/// secrets, no connection strings, no PATH). On a root host U is a user id of the runner's own
/// (<see cref="RunnerUserIds"/>); where the host may, the runner also gets a control group of its own
/// (<see cref="RunnerControlGroups"/>), made here and joined by the process right after its start.
/// </summary>
internal static partial class RunnerLauncher
{
    private static readonly bool IsRoot = OperatingSystem.IsLinux() && File.Exists("/proc/self/status") &&
        File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) &&
                                                     l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    private static readonly Lazy<string[]?> UnsharePrefix = new(ProbeUnshare);

    /// <summary>The <c>unshare</c> arguments that work on this machine, or null when none does.</summary>
    public static string[]? NetworkNamespacePrefix => UnsharePrefix.Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RunnerPlan>> Plans = new();

    /// <summary>True when this process runs as root (uid 0).</summary>
    public static bool HostIsRoot => IsRoot;

    /// <summary>How runners start under <paramref name="options"/>: decided (and the runner staged) once per
    /// configuration and process.</summary>
    public static RunnerPlan PlanFor(RunnerOptions options)
    {
        var key = string.Join('|', options.RunnerPath, options.DotnetPath, options.NetworkIsolation, options.DropPrivileges,
            options.StagingDirectory, options.FirstRunnerUid, options.RunnerUidCount, options.ControlGroups,
            options.MemoryLimitBytes, options.MaxProcesses, options.ControlGroupRoot);
        return Plans.GetOrAdd(key, _ => new Lazy<RunnerPlan>(() => MakePlan(options))).Value;
    }

    private static RunnerPlan MakePlan(RunnerOptions options)
    {
        var dotnet = ResolveDotnet(options);
        var runner = ResolveRunner(options);
        var prefix = new List<string>();
        var refusals = new List<string>();
        var weakenings = new List<string>();
        string? networkMethod = null;
        if (options.NetworkIsolation != NetworkIsolationMode.Disabled && NetworkNamespacePrefix is { } unshare)
        {
            prefix.AddRange(unshare);
            networkMethod = "unshare " + string.Join(' ', unshare.Skip(1).SkipLast(1));
            if (!unshare.Contains("--ipc"))
            {
                weakenings.Add("No IPC namespace is available ('unshare --ipc' fails on this machine): runners share the " +
                               "host's System V IPC objects and POSIX message queues.");
            }
        }
        else
        {
            var why = options.NetworkIsolation == NetworkIsolationMode.Disabled
                ? "Network isolation is disabled (Runner:NetworkIsolation=Disabled): runners share the host's network namespace."
                : "No network namespace is available ('unshare --net' and 'unshare -rn' both fail on this machine).";
            (options.NetworkIsolation == NetworkIsolationMode.Required ? refusals : weakenings).Add(
                options.NetworkIsolation == NetworkIsolationMode.Required
                    ? why + " Runner:NetworkIsolation is Required, so no runner starts; set it to Auto to run without."
                    : why);
        }

        var hostUser = IsRoot ? "root (0)" : $"uid {CurrentUid()}";
        var runnerUser = hostUser;
        var unprivileged = !IsRoot;
        var staged = false;
        string? dropTool = null;
        RunnerUserIds? userIds = null;
        if (IsRoot && options.DropPrivileges == PrivilegeDropMode.Disabled)
        {
            weakenings.Add("Privilege drop is disabled (Runner:DropPrivileges=Disabled): runners run as root.");
        }
        else if (IsRoot)
        {
            // A root host's runner drops to a user id of its own, so even code that slipped past the policy could not
            // read the host's files, nor signal, trace or read the memory of the host or of another object's runner. It
            // starts from a staged root-owned copy, so where the project is checked out (a mode-700 /root, say) does not
            // matter and no runner can alter it. (Inside a user namespace made by -r only root is mapped, hence plain
            // --net for root.)
            string? failure = null;
            var stagedRunner = runner;
            if (prefix.Contains("-rn"))
            {
                failure = "only a user namespace ('unshare -rn') is available, in which no other user is mapped";
            }
            else if (Which("setpriv") is not { } setpriv)
            {
                failure = "'setpriv' (util-linux) is not installed";
            }
            else
            {
                try
                {
                    stagedRunner = OperatingSystem.IsWindows() ? runner : RunnerStaging.Stage(runner, options.StagingDirectory);
                    if (!CanOthersRead(setpriv, options.FirstRunnerUid, stagedRunner, dotnet))
                    {
                        failure = $"a runner's user cannot execute '{dotnet}' (install the .NET runtime where other users can read it, e.g. /usr/share/dotnet, or set Runner:DotnetPath)";
                    }
                    else
                    {
                        // Staging made the directory safe (root's, writable by no one else): the hosts' id blocks are taken
                        // there, in a directory only root may enter.
                        var blocks = Directory.CreateDirectory(Path.Combine(options.StagingDirectory, "runner-ids"));
                        if (!OperatingSystem.IsWindows())
                        {
                            File.SetUnixFileMode(blocks.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                        }
                        var ids = new RunnerUserIds(options.FirstRunnerUid, options.RunnerUidCount, RunnerUserIds.NamedOnThisMachine(),
                            blocks.FullName);
                        (runner, staged, unprivileged, dropTool, userIds) = (stagedRunner, true, true, setpriv, ids);
                        runnerUser = $"uids {ids.Describe()} (one per runner)";
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failure = $"the runner could not be staged under '{options.StagingDirectory}': {e.Message}";
                }
            }

            if (failure is not null)
            {
                (options.DropPrivileges == PrivilegeDropMode.Required ? refusals : weakenings).Add(
                    options.DropPrivileges == PrivilegeDropMode.Required
                        ? $"Runners cannot drop privileges: {failure}. Runner:DropPrivileges is Required, so no runner starts as root."
                        : $"Runners run as root: {failure}.");
            }
        }

        var noNewPrivileges = dropTool is not null;
        if (dropTool is null && OperatingSystem.IsLinux() && Which("setpriv") is { } setprivTool)
        {
            // A runner that keeps the host's user (a non-root host, or a drop that is off) still starts with no new
            // privileges.
            prefix.AddRange([setprivTool, "--no-new-privs", "--"]);
            noNewPrivileges = true;
        }

        RunnerControlGroups? groups = null;
        var without = ": a runner's memory is bounded by its GC heap limit alone and its threads by " +
                      (userIds is null ? "nothing but the policy." : "RLIMIT_NPROC alone.");
        if (options.ControlGroups == ControlGroupMode.Disabled)
        {
            weakenings.Add("Control groups are disabled (Runner:ControlGroups=Disabled)" + without);
        }
        else if ((groups = RunnerControlGroups.TryCreate(options.ControlGroupRoot, options.MemoryLimitBytes, options.MaxProcesses,
                     out var groupFailure)) is null)
        {
            (options.ControlGroups == ControlGroupMode.Required ? refusals : weakenings).Add(
                options.ControlGroups == ControlGroupMode.Required
                    ? $"Runners cannot get control groups of their own: {groupFailure}. Runner:ControlGroups is Required, so no runner starts."
                    : $"No control group per runner ({groupFailure})" + without);
        }

        return new RunnerPlan(dotnet, runner, prefix, networkMethod is not null, networkMethod, unprivileged, hostUser, runnerUser,
            staged, refusals, weakenings, dropTool, userIds, noNewPrivileges, groups);
    }

    /// <summary>
    /// The <c>nice</c> prefix a spare starts with, or null: a spare warms at the lowest CPU priority, so its start only
    /// takes what the work of the moment leaves over, and is raised back to normal priority when it is taken
    /// (<see cref="RunnerProcess.Foreground"/>). Raising a priority needs root (CAP_SYS_NICE), so only a root host
    /// lowers it; any other host starts its spares at normal priority, as before.
    /// </summary>
    private static readonly Lazy<string[]?> BackgroundPrefix = new(() =>
        IsRoot && OperatingSystem.IsLinux() && Which("nice") is { } nice ? [nice, "-n", "19"] : null);

    /// <summary>Whether <see cref="Create"/> can start a runner at low priority (see <see cref="BackgroundPrefix"/>).</summary>
    public static bool CanStartInBackground => BackgroundPrefix.Value is not null;

    /// <param name="background">Start at the lowest CPU priority when this host can raise it again (a spare).</param>
    /// <returns>The command, and the user id it runs as when this host hands out ids: the caller releases it once the
    /// process has exited (or did not start).</returns>
    public static RunnerCommand Create(RunnerOptions options, bool background = false)
    {
        var plan = PlanFor(options);
        if (plan.Refusals.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", plan.Refusals));
        }

        var dotnet = plan.Dotnet;
        var runner = plan.Runner;
        var argv = new List<string>();
        if (background && BackgroundPrefix.Value is { } nice)
        {
            argv.AddRange(nice);
        }
        argv.AddRange(plan.Prefix);
        var user = plan.UserIds?.Take();
        if (user is not null)
        {
            var id = Invariant(user.Id);
            // No new privileges (a set-user-id program it could run would not raise it) and an empty capability
            // bounding set: even code past the policy that got to exec something could not become root again.
            argv.AddRange([plan.DropTool!, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--no-new-privs",
                "--bounding-set=-all", "--"]);
        }

        var limits = new List<string>();
        if (options.CpuTimeLimitSeconds > 0)
        {
            var soft = options.CpuTimeLimitSeconds;
            limits.Add($"--cpu={soft}:{soft + 5}");
        }
        if (user is not null)
        {
            // RLIMIT_NPROC counts the processes and threads of the runner's real user, which is this runner's alone.
            limits.Add($"--nproc={Invariant(options.MaxProcesses)}:{Invariant(options.MaxProcesses)}");
        }
        if (limits.Count > 0 && Which("prlimit") is { } prlimit)
        {
            argv.AddRange([prlimit, .. limits, "--"]);
        }

        argv.AddRange([dotnet, runner,
            "--max-concurrency", Invariant(options.MaxConcurrency),
            "--max-result-bytes", Invariant(options.MaxResultBytes),
            "--max-output-bytes", Invariant(options.MaxOutputBytes),
            "--max-request-bytes", Invariant(64 << 20)]);

        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // Empty environment: object code cannot read it anyway (Environment is banned), but a runner must not even
        // hold the host's secrets in memory. Only what the runtime needs goes in.
        info.Environment.Clear();
        var realDotnet = File.Exists(dotnet) ? new FileInfo(dotnet).ResolveLinkTarget(true)?.FullName ?? dotnet : dotnet;
        info.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(realDotnet) ?? "/";
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.HeapHardLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Tiering for a process that checks a candidate for a few seconds or serves a deployment for long: no dynamic-PGO
        // instrumented tier (a hot precompiled method was compiled twice more, instrumented and then optimized), and call
        // counting only once no new method has been compiled for 5 s. A checking runner then compiles nothing twice, a
        // serving runner still reaches optimized code; a runner's CPU per checked candidate fell by a fifth
        // (docs/benchmarks.md, issue 12).
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_TC_CallCountingDelayMs"] = "5000";
        RunnerControlGroups.Group? group;
        try
        {
            group = plan.ControlGroups?.Create();
        }
        catch
        {
            user?.Dispose();
            throw;
        }
        return new RunnerCommand(info, plan.NetworkIsolated, plan.Unprivileged, user, group);
    }

    public static string ResolveRunner(RunnerOptions options)
    {
        if (options.RunnerPath is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException("The configured runner was not found.", configured);
        }

        foreach (var candidate in (ReadOnlySpan<string>)[
                     Path.Combine(AppContext.BaseDirectory, "runner", "DurableObjects.Runner.dll"),
                     Path.Combine(AppContext.BaseDirectory, "DurableObjects.Runner.dll")])
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"DurableObjects.Runner.dll was not found under {AppContext.BaseDirectory}; set Runner:RunnerPath.");
    }

    public static string ResolveDotnet(RunnerOptions options)
    {
        if (options.DotnetPath is { Length: > 0 } configured)
        {
            return configured;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        foreach (var candidate in new[] { root is null ? null : Path.Combine(root, "dotnet"), "/usr/share/dotnet/dotnet",
                     "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet" })
        {
            if (candidate is not null && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Which("dotnet") ?? "dotnet";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
