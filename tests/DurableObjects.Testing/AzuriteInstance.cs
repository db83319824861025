using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DurableObjects.Testing;

/// <summary>
/// A private Azurite (the repository's pinned npm package) on free loopback ports, in memory, for tests and benchmarks
/// that freeze storage: <see cref="Freeze"/> stops the process (SIGSTOP: connections are accepted by the kernel but
/// nothing answers, as with a hung emulator or a network partition), <see cref="Thaw"/> resumes it (SIGCONT).
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteInstance(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    public static async Task<AzuriteInstance> StartAsync()
    {
        var script = Path.Combine(Azurite.RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("Azurite is not installed: run 'npm ci' in the repository root.");
        }
        var (blob, queue, table) = (Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort());
        var start = AzuriteCommand.For(script, blob, queue, table);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new AzuriteInstance(process,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
        if (!await WaitForPortAsync(process, blob) || !await WaitForPortAsync(process, table))
        {
            await instance.DisposeAsync();
            throw new InvalidOperationException("The private Azurite did not start.");
        }
        return instance;
    }

    /// <summary>SIGSTOP: storage stops answering; every call hangs until <see cref="Thaw"/>.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: storage answers again (and processes what it received meanwhile).</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Invariant(_process.Id)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private static async Task<bool> WaitForPortAsync(Process process, int port)
    {
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
