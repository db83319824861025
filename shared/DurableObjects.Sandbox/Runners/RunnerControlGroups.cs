using System.Globalization;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// A control group of its own for each runner process, so the kernel bounds what the runner's other limits do not: its
/// whole memory (the GC heap limit bounds managed allocations only, not the runtime, thread stacks or native memory) by
/// <see cref="RunnerOptions.MemoryLimitBytes"/> — past it the kernel ends that runner, not the host or another — and its
/// threads and processes together by <see cref="RunnerOptions.MaxProcesses"/> (a thread or fork past it fails).
/// <para>Groups are made under <c>durable-objects/</c> of the unified hierarchy (cgroup v2, with the memory and pids
/// controllers enabled for it) or of the memory and pids hierarchies (cgroup v1), one per runner, named
/// <c>runner-{host pid}-{n}</c>; a runner is moved into its group right after its start, before the host sends it
/// anything (so before any object code loads), and the group is removed once the runner has been reaped. Groups a host
/// left behind (killed before its runners' groups were removed) are removed by the next host that plans runners on the
/// machine.</para>
/// </summary>
internal sealed class RunnerControlGroups
{
    public const string DefaultRoot = "/sys/fs/cgroup";
    private const string ParentName = "durable-objects";
    private readonly string[] _parents;
    private readonly bool _unified;
    private readonly long _memoryLimit;
    private readonly int _maxProcesses;
    private readonly string _prefix = "runner-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-";
    private long _next;

    private RunnerControlGroups(string[] parents, bool unified, long memoryLimit, int maxProcesses)
    {
        (_parents, _unified, _memoryLimit, _maxProcesses) = (parents, unified, memoryLimit, maxProcesses);
    }

    /// <summary>How groups are made here, e.g. <c>cgroup v1 (memory, pids)</c>.</summary>
    public string Method => _unified ? "cgroup v2 (memory, pids)" : "cgroup v1 (memory, pids)";

    /// <summary>Sets up the parent group(s) under <paramref name="root"/> and makes and removes one group to prove the
    /// limits can be written; null with <paramref name="failure"/> saying why when this machine (or this host's user)
    /// cannot.</summary>
    public static RunnerControlGroups? TryCreate(string root, long memoryLimit, int maxProcesses, out string? failure)
    {
        failure = null;
        if (!OperatingSystem.IsLinux())
        {
            failure = "control groups are a Linux feature";
            return null;
        }

        try
        {
            RunnerControlGroups groups;
            var controllers = Path.Combine(root, "cgroup.controllers");
            if (File.Exists(controllers) && Words(File.ReadAllText(controllers)) is var available &&
                available.Contains("memory") && available.Contains("pids"))
            {
                // v2: a group's controllers come from its parent's subtree_control, so both the root's and our parent's
                // must hand down memory and pids (our parent holds no process itself, as v2 requires of a group that does).
                EnableControllers(root);
                var parent = Directory.CreateDirectory(Path.Combine(root, ParentName)).FullName;
                EnableControllers(parent);
                groups = new RunnerControlGroups([parent], unified: true, memoryLimit, maxProcesses);
            }
            else if (File.Exists(Path.Combine(root, "memory", "memory.limit_in_bytes")) &&
                     File.Exists(Path.Combine(root, "pids", "cgroup.procs"))) // a hierarchy's root has no pids.max of its own
            {
                groups = new RunnerControlGroups(
                    [Directory.CreateDirectory(Path.Combine(root, "memory", ParentName)).FullName,
                        Directory.CreateDirectory(Path.Combine(root, "pids", ParentName)).FullName],
                    unified: false, memoryLimit, maxProcesses);
            }
            else
            {
                failure = $"no cgroup memory and pids controllers are mounted under {root}";
                return null;
            }

            groups.RemoveLeftovers();
            groups.Create().Release();
            return groups;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"control groups cannot be made under {root}: {e.Message}";
            return null;
        }
    }

    /// <summary>Makes the next runner's group with its limits set (no process in it yet).</summary>
    public Group Create()
    {
        var name = _prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var paths = _parents.Select(p => Path.Combine(p, name)).ToArray();
        var group = new Group(paths, _unified);
        try
        {
            foreach (var path in paths)
            {
                Directory.CreateDirectory(path);
            }
            var memory = paths[0];
            var pids = paths[^1];
            var limit = _memoryLimit.ToString(CultureInfo.InvariantCulture);
            if (_unified)
            {
                Write(memory, "memory.max", limit);
                TryWrite(memory, "memory.swap.max", "0");
            }
            else
            {
                Write(memory, "memory.limit_in_bytes", limit);
                TryWrite(memory, "memory.memsw.limit_in_bytes", limit); // swap counted in, where swap is accounted
            }
            Write(pids, "pids.max", _maxProcesses.ToString(CultureInfo.InvariantCulture));
            return group;
        }
        catch
        {
            group.Release();
            throw;
        }
    }

    /// <summary>The group a process is in under <paramref name="root"/>'s memory controller (its path, as the process sees
    /// it in /proc) and the limits written there; nulls when it is in none of ours.</summary>
    public static (string? Path, long? MemoryLimitBytes, long? MaxProcesses) Observe(int processId, string root = DefaultRoot)
    {
        string? path = null;
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/cgroup"))
        {
            // "hierarchy-id:controllers:path": v1 names its controllers, v2's single line has none.
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && parts[2].StartsWith("/" + ParentName + "/", StringComparison.Ordinal) &&
                (parts[1].Length == 0 || parts[1].Split(',').Contains("memory")))
            {
                path = parts[2];
                var unified = parts[1].Length == 0;
                var memory = unified ? Path.Combine(root, path.TrimStart('/')) : Path.Combine(root, "memory", path.TrimStart('/'));
                var pids = unified ? memory : Path.Combine(root, "pids", path.TrimStart('/'));
                return (path, ReadNumber(memory, unified ? "memory.max" : "memory.limit_in_bytes"), ReadNumber(pids, "pids.max"));
            }
        }
        return (path, null, null);
    }

    /// <summary>Removes the groups of hosts that are no longer running (a removal fails harmlessly on a group that still
    /// holds a process).</summary>
    private void RemoveLeftovers()
    {
        foreach (var parent in _parents)
        {
            foreach (var dir in Directory.EnumerateDirectories(parent, "runner-*"))
            {
                var host = Path.GetFileName(dir).Split('-');
                if (host.Length == 3 && int.TryParse(host[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                    pid != Environment.ProcessId && !Directory.Exists($"/proc/{host[1]}"))
                {
                    TryRemove(dir);
                }
            }
        }
    }

    private static void EnableControllers(string group)
    {
        var control = Path.Combine(group, "cgroup.subtree_control");
        var enabled = Words(File.ReadAllText(control));
        if (!enabled.Contains("memory") || !enabled.Contains("pids"))
        {
            File.WriteAllText(control, "+memory +pids");
        }
    }

    private static string[] Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static void Write(string group, string file, string value) => File.WriteAllText(Path.Combine(group, file), value);

    private static void TryWrite(string group, string file, string value)
    {
        try
        {
            if (File.Exists(Path.Combine(group, file)))
            {
                Write(group, file, value);
            }
        }
        catch (IOException)
        {
            // Optional (swap accounting may be off): the memory limit itself is set.
        }
    }

    private static long? ReadNumber(string group, string file)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(group, file)).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryRemove(string dir)
    {
        try
        {
            Directory.Delete(dir); // rmdir: a group's control files are not files to delete
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still holds a process, or already gone.
        }
    }

    /// <summary>One runner's group (one directory for v2, a memory and a pids one for v1).</summary>
    internal sealed class Group
    {
        private readonly string[] _paths;
        private readonly bool _unified;
        private readonly Lock _gate = new();
        private long? _oomKills;
        private bool _released;

        internal Group(string[] paths, bool unified) => (_paths, _unified) = (paths, unified);

        /// <summary>The group's directories.</summary>
        public IReadOnlyList<string> Paths => _paths;

        /// <summary>Moves <paramref name="processId"/> (all its threads) into the group. False when the process is already
        /// gone.</summary>
        public bool Adopt(int processId)
        {
            try
            {
                foreach (var path in _paths)
                {
                    Write(path, "cgroup.procs", processId.ToString(CultureInfo.InvariantCulture));
                }
                return true;
            }
            catch (IOException) when (!Directory.Exists($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}"))
            {
                return false;
            }
        }

        /// <summary>How many times the kernel ended a process of this group for reaching its memory limit (read before the
        /// group is removed, kept after).</summary>
        public long OomKills
        {
            get
            {
                lock (_gate)
                {
                    return _oomKills ??= ReadOomKills();
                }
            }
        }

        /// <summary>Removes the group, once its process has been reaped (idempotent).</summary>
        public void Release()
        {
            lock (_gate)
            {
                if (_released)
                {
                    return;
                }
                _oomKills ??= ReadOomKills();
                _released = true;
            }
            foreach (var path in _paths)
            {
                TryRemove(path);
            }
        }

        private long ReadOomKills()
        {
            try
            {
                // v2: memory.events; v1: memory.oom_control (kernels since 4.13 count kills there).
                var file = Path.Combine(_paths[0], _unified ? "memory.events" : "memory.oom_control");
                var line = File.Exists(file)
                    ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal))
                    : null;
                return line is not null && long.TryParse(line["oom_kill ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var kills)
                    ? kills
                    : 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }
}
