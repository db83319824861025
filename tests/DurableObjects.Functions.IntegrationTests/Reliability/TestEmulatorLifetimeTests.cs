using System.Diagnostics;
using System.Globalization;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// The tests' own Azurite must not outlive the test process: the test runner can end a test process without running
/// its exit handlers, so the node process preloads a watch (<see cref="AzuriteCommand"/>) that exits when its parent
/// is gone. Here the parent is a shell killed with SIGKILL, as a test process would be.
/// </summary>
public sealed class TestEmulatorLifetimeTests
{
    [Fact]
    public async Task NodeWithTheParentWatch_ParentKilled_ExitsOnItsOwn()
    {
        var shell = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "node --require \"$1\" -e 'setInterval(() => {}, 1000)' & echo $!; sleep 60", "bash", AzuriteCommand.ParentWatchScript })
        {
            shell.ArgumentList.Add(argument);
        }
        using var parent = Process.Start(shell)!;
        var nodePid = int.Parse((await parent.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        await Task.Delay(1500);
        Assert.True(IsRunning(nodePid), "node should run while its parent does");

        parent.Kill();
        var deadline = Stopwatch.StartNew();
        while (IsRunning(nodePid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        Assert.False(IsRunning(nodePid), "node outlived its killed parent");
    }

    // A zombie (exited, not yet reaped by init) counts as gone.
    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z', StringComparison.Ordinal));
    }
}
