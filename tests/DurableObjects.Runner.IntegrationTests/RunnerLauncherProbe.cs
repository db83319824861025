using System.Diagnostics;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>Independently checks whether this machine lets us create a network namespace (as the launcher does).</summary>
internal static class RunnerLauncherProbe
{
    public static bool NetworkNamespaceAvailable { get; } = Probe();

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("unshare", ["-rn", "true"]) { RedirectStandardError = true })!;
            process.WaitForExit(5000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
