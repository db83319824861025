using System.Globalization;

namespace DurableObjects.Sandbox.Runners;

/// <summary>The isolation of one live runner process, read from /proc: its real user and group, whether its network and
/// IPC namespaces differ from the host's, its CPU time limit, whether it may gain no new privileges and whether its
/// capability bounding set is empty.</summary>
public sealed record ObservedRunner(int ProcessId, int Uid, int Gid, bool OwnNetworkNamespace, string? CpuTimeLimit,
    bool OwnIpcNamespace, bool NoNewPrivileges, bool NoCapabilities)
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
            var cpu = File.ReadLines($"/proc/{processId}/limits").FirstOrDefault(l => l.StartsWith("Max cpu time", StringComparison.Ordinal));
            return new ObservedRunner(processId, Id(status, "Uid:"), Id(status, "Gid:"), own != theirs,
                cpu is null ? null : string.Join(' ', cpu["Max cpu time".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                ownIpc != theirIpc, Field(status, "NoNewPrivs:") == "1", Field(status, "CapBnd:") is { } bounding && bounding.Trim('0').Length == 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Field(string[] status, string field) => status
        .FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))?[field.Length..].Trim();

    /// <summary>The real id of a <c>Uid:</c> or <c>Gid:</c> line (real, effective, saved, filesystem).</summary>
    private static int Id(string[] status, string field) =>
        int.Parse(Field(status, field)!.Split('\t')[0], CultureInfo.InvariantCulture);
}
