using System.Globalization;

namespace DurableObjects.Sandbox.Runners;

/// <summary>The isolation of one live runner process, read from /proc: its real user and group, whether its network and
/// IPC namespaces differ from the host's, its CPU time and process limits (soft and hard), whether it may gain no new
/// privileges, whether its capability bounding set is empty, and the control group it is in with that group's memory
/// and pids limits (nulls when it is in none of the runners' groups).</summary>
public sealed record ObservedRunner(int ProcessId, int Uid, int Gid, bool OwnNetworkNamespace, string? CpuTimeLimit,
    bool OwnIpcNamespace, bool NoNewPrivileges, bool NoCapabilities, string? ProcessLimit, string? ControlGroup,
    long? MemoryLimitBytes, long? MaxProcesses)
{
    /// <summary>Reads /proc/{pid}; null when the process is gone or is not yet the runner (still in its launcher).</summary>
    public static ObservedRunner? TryRead(int processId)
    {
        try
        {
            var exe = new FileInfo($"/proc/{processId}/exe").LinkTarget;
            if (exe is null || Path.GetFileName(exe) != "dotnet")
            {
                return null;
            }
            var status = File.ReadAllLines($"/proc/{processId}/status");
            var own = new FileInfo("/proc/self/ns/net").LinkTarget;
            var theirs = new FileInfo($"/proc/{processId}/ns/net").LinkTarget;
            var ownIpc = new FileInfo("/proc/self/ns/ipc").LinkTarget;
            var theirIpc = new FileInfo($"/proc/{processId}/ns/ipc").LinkTarget;
            var limits = File.ReadAllLines($"/proc/{processId}/limits");
            var group = RunnerControlGroups.Observe(processId);
            return new ObservedRunner(processId, Id(status, "Uid:"), Id(status, "Gid:"), own != theirs, Limit(limits, "Max cpu time"),
                ownIpc != theirIpc, Field(status, "NoNewPrivs:") == "1", Field(status, "CapBnd:") is { } bounding && bounding.Trim('0').Length == 0,
                Limit(limits, "Max processes"), group.Path, group.MemoryLimitBytes, group.MaxProcesses);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A /proc limits line's soft and hard limit and unit, e.g. <c>3600 3605 seconds</c>.</summary>
    private static string? Limit(string[] limits, string name) => limits
        .FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
        ? string.Join(' ', line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        : null;

    private static string? Field(string[] status, string field) => status
        .FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))?[field.Length..].Trim();

    /// <summary>The real id of a <c>Uid:</c> or <c>Gid:</c> line (real, effective, saved, filesystem).</summary>
    private static int Id(string[] status, string field) =>
        int.Parse(Field(status, field)!.Split('\t')[0], CultureInfo.InvariantCulture);
}
