using System.Diagnostics;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>Independently checks whether this machine lets us create a network namespace (as the launcher does).</summary>
internal static class RunnerLauncherProbe
{
    public static bool NetworkNamespaceAvailable { get; } = Probe("-rn");

    /// <summary>Whether an IPC namespace can be had along with the network one.</summary>
    public static bool IpcNamespaceAvailable { get; } = Probe("-rn", "--ipc");

    /// <summary>Whether this process may make control groups with memory and pids limits: root, with the v1 memory and
    /// pids hierarchies or a v2 hierarchy offering both controllers mounted (checked by making and removing one).</summary>
    public static bool ControlGroupsAvailable { get; } = ProbeControlGroups();

    private static bool ProbeControlGroups()
    {
        var v2 = File.Exists("/sys/fs/cgroup/cgroup.controllers") &&
                 File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Split(' ', '\n') is var c && c.Contains("memory") && c.Contains("pids");
        var probe = v2 ? "/sys/fs/cgroup/do-probe-" + Environment.ProcessId : "/sys/fs/cgroup/memory/do-probe-" + Environment.ProcessId;
        if (!v2 && !File.Exists("/sys/fs/cgroup/pids/cgroup.procs"))
        {
            return false;
        }
        try
        {
            Directory.CreateDirectory(probe);
            var ok = File.Exists(Path.Combine(probe, v2 ? "memory.max" : "memory.limit_in_bytes"));
            Directory.Delete(probe);
            return ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Probe(params string[] flags)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("unshare", [.. flags, "true"]) { RedirectStandardError = true })!;
            process.WaitForExit(5000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
