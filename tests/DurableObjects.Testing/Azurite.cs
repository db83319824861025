using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DurableObjects.Testing;

/// <summary>
/// One real Azurite (the repository's pinned npm package) per test run, on free loopback ports, in memory.
/// Tests isolate themselves from each other with a table prefix each, so they can share it and run in parallel.
/// </summary>
public static class Azurite
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<string>> Instance = new(StartAsync);
    private static Process? _process;

    /// <summary>The connection string of the run's Azurite, started on first use.</summary>
    public static Task<string> ConnectionStringAsync() => Instance.Value;

    private static async Task<string> StartAsync()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {root} (the test command does this).");
        }
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = AzuriteCommand.For(script, blob, queue, table);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        var errors = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => errors.AppendLine(e.Data);
        _process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        if (!await WaitForPortAsync(blob) || !await WaitForPortAsync(table))
        {
            throw new InvalidOperationException($"Azurite did not start (exited: {_process.HasExited}): {errors}");
        }
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
               $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    private static void Stop()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> WaitForPortAsync(int port)
    {
        // Generous: on a loaded two-core machine node can take a while to load Azurite.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
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

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DurableObjects.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (DurableObjects.sln) above the test binaries.");
    }
}
