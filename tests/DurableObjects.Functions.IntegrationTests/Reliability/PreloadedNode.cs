using System.Diagnostics;
using System.Text;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>A node process with or without <c>scripts/azurite-preload.js</c>, for the preload's probes.</summary>
internal static class PreloadedNode
{
    /// <summary>Runs <paramref name="script"/> in node from the repository root, with or without the emulator's preload
    /// (as <see cref="AzuriteCommand.PreloadScript"/> finds it); its exit code must be 0. Returns its output.</summary>
    public static async Task<string> RunAsync(bool withPreload, string script, params string[] arguments)
    {
        var root = Azurite.RepositoryRoot();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        if (withPreload)
        {
            start.ArgumentList.Add("--require");
            start.ArgumentList.Add(AzuriteCommand.PreloadScript(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js")));
        }
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = new StringBuilder(await stdout).Append(await stderr).ToString();
        Assert.True(node.ExitCode == 0, text);
        return text;
    }
}
