using System.Diagnostics;
using System.Globalization;

namespace DurableObjects.Testing;

/// <summary>
/// The command line of a test Azurite (<see cref="Azurite"/>, <see cref="AzuriteInstance"/>): in memory, on the given
/// loopback ports, telemetry off, and bound to the life of the process that starts it. The test runner may end a test
/// process without running its exit handlers; node then sees its parent change and this Azurite exits within a second
/// instead of running on.
/// </summary>
public static class AzuriteCommand
{
    private const string ParentWatch =
        "// Exits when the process that started this Azurite is gone (node is then re-parented).\n" +
        "const parent = process.ppid;\n" +
        "setInterval(() => { if (process.ppid !== parent) { process.exit(0); } }, 1000).unref();\n";

    private static readonly Lazy<string> WatchScript = new(WriteWatchScript);

    /// <summary>The script node preloads (<c>--require</c>) to exit when its parent is gone.</summary>
    public static string ParentWatchScript => WatchScript.Value;

    public static ProcessStartInfo For(string script, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--require", WatchScript.Value,
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
