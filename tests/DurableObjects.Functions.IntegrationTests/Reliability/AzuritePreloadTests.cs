using System.Diagnostics;
using System.Text;
using Azure.Storage.Queues;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// <c>scripts/azurite-preload.js</c>: the emulator's LokiJS collections return at once from removing an empty batch
/// instead of re-sorting every index, a batch with documents is removed as before, the preload patches the very module
/// Azurite loads, and the emulator the tests start runs with it and still serves queues: messages dequeued in order,
/// deleted, expired ones gone. That <c>scripts/azurite.sh</c> (start.sh's emulator) preloads it: <c>EmulatorStopTests</c>.
/// </summary>
public sealed class AzuritePreloadTests
{
    // Counts full index rebuilds around removals on a collection indexed like Azurite's queue messages.
    private const string Probe = """
        const path = require("path");
        const loki = require("lokijs");
        const azuriteLoki = require.resolve("lokijs", { paths: [path.dirname(require.resolve("azurite/package.json"))] });
        const db = new loki("probe.db");
        const messages = db.addCollection("messages", { indices: ["accountName", "queueName", "messageId", "visibleTime"] });
        for (let i = 0; i < 200; i++) {
          messages.insert({ accountName: "a", queueName: "q" + (i % 3), messageId: "m" + i, visibleTime: 1000 - i });
        }
        messages.find({ queueName: "q1" });
        let rebuilds = 0;
        const ensureAllIndexes = messages.ensureAllIndexes;
        messages.ensureAllIndexes = function (force) { rebuilds++; return ensureAllIndexes.call(this, force); };
        messages.remove([]);
        const afterEmpty = rebuilds;
        messages.remove(messages.find({ queueName: "q0" }));
        console.log(JSON.stringify({
          sameModule: azuriteLoki === require.resolve("lokijs"),
          afterEmpty,
          count: messages.count(),
          q0: messages.find({ queueName: "q0" }).length,
          q1: messages.find({ queueName: "q1" }).length,
          oldestVisible: messages.chain().find({ visibleTime: { $lte: 802 } }).count(),
        }));
        """;

    [Fact]
    public async Task EmptyBatchRemoval_WithThePreload_RebuildsNoIndexAndRealRemovalsStillWork()
    {
        var output = await RunNodeAsync(withPreload: true);

        Assert.Contains("\"sameModule\":true", output, StringComparison.Ordinal);
        Assert.Contains("\"afterEmpty\":0", output, StringComparison.Ordinal);
        // 200 messages over three queues: q0 held 67 of them; the indices answer correctly after the removal.
        Assert.Contains("\"count\":133", output, StringComparison.Ordinal);
        Assert.Contains("\"q0\":0", output, StringComparison.Ordinal);
        Assert.Contains("\"q1\":67", output, StringComparison.Ordinal);
        // visibleTime is 1000 - i: of 801 (i = 199) and 802 (i = 198, a q0 message, removed) only 801 is left.
        Assert.Contains("\"oldestVisible\":1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBatchRemoval_WithoutThePreload_RebuildsEveryIndex()
    {
        // What the preload is for: LokiJS itself rebuilds the indices for nothing (if this starts failing, a LokiJS
        // release fixed it and the preload can go).
        var output = await RunNodeAsync(withPreload: false);

        Assert.DoesNotContain("\"afterEmpty\":0", output, StringComparison.Ordinal);
        Assert.Contains("\"count\":133", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAzurite_RunsWithThePreload_AndServesQueues()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var commandLine = await File.ReadAllTextAsync($"/proc/{azurite.ProcessId}/cmdline");
        Assert.Contains(Path.Combine("scripts", "azurite-preload.js"), commandLine, StringComparison.Ordinal);

        var queue = new QueueClient(azurite.ConnectionString, "preload-probe");
        await queue.CreateAsync();
        await queue.SendMessageAsync("expires", timeToLive: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync("m" + i);
        }
        await Task.Delay(1500);

        var seen = new List<string>();
        while (seen.Count < 10)
        {
            var batch = (await queue.ReceiveMessagesAsync(2)).Value;
            if (batch.Length == 0)
            {
                break;
            }
            foreach (var message in batch)
            {
                seen.Add(message.MessageText);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], seen);
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    private static async Task<string> RunNodeAsync(bool withPreload)
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
        start.ArgumentList.Add(Probe);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = new StringBuilder(await stdout).Append(await stderr).ToString();
        Assert.True(node.ExitCode == 0, text);
        return text;
    }
}
