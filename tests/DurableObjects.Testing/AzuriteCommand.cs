using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DurableObjects.Testing;

/// <summary>
/// The command line of a test Azurite (<see cref="Azurite"/>, <see cref="AzuriteInstance"/>): in memory, on the given
/// loopback ports, telemetry off, and bound to the life of the process that starts it. The test runner may end a test
/// process without running its exit handlers; node then sees its parent change and this Azurite exits within a second
/// instead of running on.
/// </summary>
public static class AzuriteCommand
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Ports are drawn below Linux's ephemeral range (32768-60999 by default): a port the kernel handed out for a probe
    // could meanwhile be given to any outgoing connection (the tests open thousands), and Azurite then died with
    // EADDRINUSE. Below that range only listeners compete, and a start that still loses the race is retried.
    private const int FirstPort = 20000;
    private const int LastPort = 32000;
    private const int Attempts = 4;

    private const string ParentWatch =
        "// Exits when the process that started this Azurite is gone (node is then re-parented).\n" +
        "const parent = process.ppid;\n" +
        "setInterval(() => { if (process.ppid !== parent) { process.exit(0); } }, 1000).unref();\n";

    private static readonly Lazy<string> WatchScript = new(WriteWatchScript);

    /// <summary>The script node preloads (<c>--require</c>) to exit when its parent is gone.</summary>
    public static string ParentWatchScript => WatchScript.Value;

    /// <summary>A loopback port nothing listens on now, outside the range the kernel gives outgoing connections.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(FirstPort, LastPort);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw again.
            }
        }
        throw new InvalidOperationException($"No free loopback port between {FirstPort} and {LastPort}.");
    }

    /// <summary>
    /// Starts Azurite on three free ports and waits until all three answer. A start that loses a port to another
    /// process (Azurite exits with EADDRINUSE) is retried on new ports.
    /// </summary>
    /// <returns>The running process and its connection string.</returns>
    public static async Task<(Process Process, string ConnectionString)> StartAsync(string script)
    {
        var output = new StringBuilder();
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var process = Process.Start(For(script, blob, queue, table)) ?? throw new InvalidOperationException("Could not start Azurite.");
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await WaitForPortAsync(process, blob) && await WaitForPortAsync(process, queue) && await WaitForPortAsync(process, table))
            {
                var connectionString =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
                    $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
                return (process, connectionString);
            }
            var exited = process.HasExited;
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }
            if (!exited || attempt == Attempts || !printed.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not start (attempt {attempt}, exited: {exited}): {printed}");
            }
            lock (output)
            {
                output.Clear();
            }
        }
    }

    private static async Task<bool> WaitForPortAsync(Process process, int port)
    {
        // Generous: on a loaded two-core machine node can take a while to load Azurite.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    public static ProcessStartInfo For(string script, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--require", WatchScript.Value,
                     "--require", PreloadScript(script),
                     script, "--silent", "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", Invariant(blob), "--queueHost", "127.0.0.1", "--queuePort", Invariant(queue),
                     "--tableHost", "127.0.0.1", "--tablePort", Invariant(table),
                 })
        {
            start.ArgumentList.Add(argument);
        }
        // AZURITE_DEBUG=<file>: Azurite logs every request with its timing there (for profiling storage traffic).
        if (Environment.GetEnvironmentVariable("AZURITE_DEBUG") is { Length: > 0 } debugLog)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debugLog);
        }
        return start;
    }

    /// <summary>
    /// <c>scripts/azurite-preload.js</c> of the repository whose <c>node_modules</c> holds <paramref name="script"/>: what
    /// <c>scripts/azurite.sh</c> preloads too, so tests and benchmarks run the emulator as <c>scripts/start.sh</c> does.
    /// </summary>
    public static string PreloadScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var full = Path.GetFullPath(script);
        var modules = full.LastIndexOf(Path.DirectorySeparatorChar + "node_modules" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (modules < 0)
        {
            throw new InvalidOperationException($"Azurite's script {full} is not under a node_modules folder.");
        }
        var preload = Path.Combine(full[..modules], "scripts", "azurite-preload.js");
        return File.Exists(preload) ? preload : throw new FileNotFoundException("The emulator's preload script is missing.", preload);
    }

    private static string Invariant(int port) => port.ToString(CultureInfo.InvariantCulture);

    // One file per content, written whole under a private name and then moved into place, so test processes starting
    // together never read a half-written script.
    private static string WriteWatchScript()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ParentWatch)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"durable-objects-azurite-watch-{hash}.js");
        if (!File.Exists(path))
        {
            var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temporary, ParentWatch);
            File.Move(temporary, path, overwrite: true);
        }
        return path;
    }
}
