using System.Diagnostics;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>Independently checks whether this machine lets us create a network namespace (as the launcher does).</summary>
internal static class RunnerLauncherProbe
{
    public static bool NetworkNamespaceAvailable { get; } = Probe("-rn");

    /// <summary>Whether an IPC namespace can be had along with the network one.</summary>
    public static bool IpcNamespaceAvailable { get; } = Probe("-rn", "--ipc");

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
