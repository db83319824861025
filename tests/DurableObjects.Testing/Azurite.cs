using System.Diagnostics;

namespace DurableObjects.Testing;

/// <summary>
/// One real Azurite (the repository's pinned npm package) per test run, on free loopback ports, in memory.
/// Tests isolate themselves from each other with a table prefix each, so they can share it and run in parallel.
/// </summary>
public static class Azurite
{
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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        var (process, connectionString) = await AzuriteCommand.StartAsync(script);
        _process = process;
        return connectionString;
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

    /// <summary>A free loopback port (see <see cref="AzuriteCommand.FreePort"/>).</summary>
    public static int FreePort() => AzuriteCommand.FreePort();

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
