using System.Text.Json;

namespace DurableObjects.Functions.IntegrationTests.FunctionsApp;

/// <summary>One function of the generated <c>functions.metadata</c>: its name, trigger type, and for HTTP its route and methods.</summary>
public sealed record FunctionEntry(string Name, string Trigger, string? Route, IReadOnlyList<string> Methods);

/// <summary>
/// Reads the <c>functions.metadata</c> the Functions SDK generated when the app was built: the file the Functions host
/// indexes on Azure. Looked for beside the tests (copied with the app) or in the app's own build output of the same
/// configuration; a missing file fails the test, since then the Functions host would find no function either.
/// </summary>
public static class FunctionsMetadata
{
    public static IReadOnlyList<FunctionEntry> Load()
    {
        var path = Locate();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var entries = new List<FunctionEntry>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var route = trigger.TryGetProperty("route", out var r) ? r.GetString() : null;
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : [];
            entries.Add(new FunctionEntry(function.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, route, methods));
        }
        return entries;
    }

    public static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (File.Exists(beside))
        {
            return beside;
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "functions", "bin", configuration, "net10.0", "functions.metadata");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"functions.metadata was not generated: build functions/ ({configuration}) with the Functions SDK.");
    }
}
