using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// The embedded emulator's graceful stop, as <c>scripts/start.sh</c> wires it: the script sources
/// <c>scripts/azurite.sh</c>, starts Azurite with its data in a directory and stops it from its EXIT trap when the
/// script is terminated. A write acknowledged a moment before the stop must be in the data directory afterwards:
/// Azurite saves tables every 5 s, so a stop that killed it (rather than letting it save) would lose that write.
/// The rest of start.sh (building the web front end and the host) is left out: it is not what keeps the data, and
/// would take minutes here.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmulatorStopTests : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Mirrors start.sh: the emulator is stopped by the EXIT trap, which a SIGTERM to the script reaches.
    private const string Script = """
        set -euo pipefail
        source "$1/scripts/azurite.sh"
        azurite_data=$2
        trap azurite_stop EXIT
        trap 'exit 143' INT TERM
        azurite_start "$2" "$2.log"
        echo "ready $azurite_pid"
        while :; do sleep 0.1; done
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("do-emulator-").FullName;
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task StartScriptEmulator_TerminatedRightAfterAWrite_StopsGracefullyAndKeepsTheWrite()
    {
        var data = Path.Combine(_directory, "azurite");
        var (blob, table) = (Azurite.FreePort(), Azurite.FreePort());
        var output = new StringBuilder();
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = Start("bash", ["-c", Script, "azurite-test", Azurite.RepositoryRoot(), data], blob, table, line =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(line["ready ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        var emulator = await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        // The emulator start.sh runs has the preload (scripts/azurite-preload.js, AzuritePreloadTests).
        Assert.Contains(Path.Combine(Azurite.RepositoryRoot(), "scripts", "azurite-preload.js"),
            await File.ReadAllTextAsync($"/proc/{emulator}/cmdline"), StringComparison.Ordinal);
        var client = new TableClient(ConnectionString(blob, table), "kept");
        await client.CreateIfNotExistsAsync();
        await client.AddEntityAsync(new TableEntity("p", "written-just-before-the-stop") { ["Value"] = "kept" });

        var clock = Stopwatch.StartNew();
        Signal(script.Id, "TERM");
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45));
        var stoppedIn = clock.Elapsed;
        var (blob2, table2) = (Azurite.FreePort(), Azurite.FreePort());
        var reader = Start("node", [Path.Combine(Azurite.RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js"),
            "--silent", "--disableTelemetry", "--location", data, "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", Invariant(blob2), "--queueHost", "127.0.0.1", "--queuePort", Invariant(Azurite.FreePort()),
            "--tableHost", "127.0.0.1", "--tablePort", Invariant(table2)], blob2, table2, _ => { });
        var kept = await ReadWhenUpAsync(new TableClient(ConnectionString(blob2, table2), "kept"), reader);

        string said;
        lock (output)
        {
            said = output.ToString();
        }
        Assert.Contains("Azurite stopped (data saved", said, StringComparison.Ordinal);
        Assert.DoesNotContain("did not stop", said, StringComparison.Ordinal);
        Assert.True(stoppedIn < TimeSpan.FromSeconds(15), $"The stop took {stoppedIn}.");
        Assert.Equal("kept", kept);
        // Safety: the data (objects' code, phone numbers, token hashes) is private to the host's user; runners run as
        // other users.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
            process.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private Process Start(string file, string[] arguments, int blobPort, int tablePort, Action<string> onLine)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AZURITE_BLOB_PORT"] = Invariant(blobPort);
        start.Environment["AZURITE_QUEUE_PORT"] = Invariant(Azurite.FreePort());
        start.Environment["AZURITE_TABLE_PORT"] = Invariant(tablePort);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        _processes.Add(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { onLine(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { onLine(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Reads the entity once the restarted emulator answers; null when it is not there.</summary>
    private static async Task<string?> ReadWhenUpAsync(TableClient client, Process emulator)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var found = await client.GetEntityIfExistsAsync<TableEntity>("p", "written-just-before-the-stop");
                return found.HasValue ? found.Value!.GetString("Value") : null;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                return null; // The table itself was lost.
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException &&
                                      clock.Elapsed < TimeSpan.FromSeconds(90) && !emulator.HasExited)
            {
                await Task.Delay(250); // Not listening yet (the client's tries end in an AggregateException).
            }
        }
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Invariant(processId)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static string ConnectionString(int blobPort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
