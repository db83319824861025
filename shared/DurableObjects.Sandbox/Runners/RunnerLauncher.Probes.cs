using System.Diagnostics;

namespace DurableObjects.Sandbox.Runners;

/// <summary>What this machine offers a runner's start, found once per process: which <c>unshare</c> flags work,
/// whether a runner's user can read the runner and the runtime, where a tool is, and the host's uid.</summary>
internal static partial class RunnerLauncher
{
    private static string[]? ProbeUnshare()
    {
        if (!OperatingSystem.IsLinux() || Which("unshare") is not { } unshare || Which("true") is not { } truePath)
        {
            return null;
        }

        // -r maps the caller to root in a new user namespace, which lets unprivileged hosts create the network
        // namespace; root uses plain --net so that its runners can then drop to their own user ids. --ipc gives each
        // runner its own System V IPC objects and POSIX message queues (none shared with another runner or the host, all
        // gone with the runner), for a few microseconds more per start; a kernel without it still gets the network one.
        var candidates = IsRoot
            ? new[] { new[] { "--net", "--ipc" }, ["--net"], ["-rn", "--ipc"], ["-rn"] }
            : [["-rn", "--ipc"], ["-rn"], ["--net", "--ipc"], ["--net"]];
        foreach (var flags in candidates)
        {
            try
            {
                var probe = new ProcessStartInfo(unshare) { UseShellExecute = false, RedirectStandardError = true };
                foreach (var flag in flags)
                {
                    probe.ArgumentList.Add(flag);
                }

                probe.ArgumentList.Add(truePath);
                using var process = Process.Start(probe)!;
                if (process.WaitForExit(5000) && process.ExitCode == 0)
                {
                    return [unshare, .. flags, "--"];
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whether a user that neither owns nor shares a group with the runner and the runtime (as every runner
    /// id is) can read the one and execute the other.</summary>
    private static bool CanOthersRead(string setpriv, int uid, string runner, string dotnet)
    {
        try
        {
            var probe = new ProcessStartInfo(setpriv) { UseShellExecute = false, RedirectStandardError = true };
            var id = Invariant(uid);
            foreach (var argument in (ReadOnlySpan<string>)[$"--reuid={id}", $"--regid={id}", "--clear-groups",
                         "--", "/bin/sh", "-c", "test -r \"$0\" && test -x \"$1\"", runner, dotnet])
            {
                probe.ArgumentList.Add(argument);
            }

            using var process = Process.Start(probe)!;
            return process.WaitForExit(5000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string? Which(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static string CurrentUid() => OperatingSystem.IsLinux() && File.Exists("/proc/self/status")
        ? File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]
        : "?";
}
