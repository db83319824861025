using System.Diagnostics;
using System.Globalization;

namespace DurableObjects.Testing;

/// <summary>
/// A private Azurite (the repository's pinned npm package) on free loopback ports, in memory, for tests and benchmarks
/// that freeze storage: <see cref="Freeze"/> stops the process (SIGSTOP: connections are accepted by the kernel but
/// nothing answers, as with a hung emulator or a network partition), <see cref="Thaw"/> resumes it (SIGCONT).
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
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
        var (process, connectionString) = await AzuriteCommand.StartAsync(script);
        return new AzuriteInstance(process, connectionString);
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
