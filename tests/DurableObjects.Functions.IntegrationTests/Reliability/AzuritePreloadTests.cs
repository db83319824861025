using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// <c>scripts/azurite-preload.js</c>: the emulator's LokiJS collections return at once from removing an empty batch
/// instead of re-sorting every index, a batch with documents is removed as before, the preload patches the very module
/// Azurite loads, and the emulator the tests start runs with it and still serves queues: messages dequeued in order,
/// deleted, expired ones gone. Azurite's log messages are built only when its logger writes them (with <c>--debug</c>),
/// and every module of Azurite still compiles after the rewrite that guards them. Its lookups and partition queries:
/// <see cref="AzuritePreloadQueryTests"/>. That <c>scripts/azurite.sh</c> (start.sh's emulator) preloads it:
/// <c>EmulatorStopTests</c>.
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

    // Runs Azurite's own queue request middleware on a request whose headers count how often they are turned into JSON
    // (only its log message does that), with Azurite's logger as the emulator configures it: writing to a file with
    // --debug, dropping everything without.
    private const string LogProbe = """
        const fs = require("fs");
        const os = require("os");
        const path = require("path");
        const logging = require("azurite/dist/src/common/Logger.js");
        const { queueStorageContextMiddleware } = require("azurite/dist/src/queue/middlewares/queueStorageContext.middleware.js");
        const debugLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azurite-log-")), "debug.log");
        if (process.argv.includes("debug")) logging.configLogger(true, debugLog); else logging.configLogger(false);
        let built = 0;
        let passed = 0;
        const request = {
          method: "GET", protocol: "http", hostname: "127.0.0.1", url: "/devstoreaccount1/probe/messages",
          path: "/devstoreaccount1/probe/messages", ip: "127.0.0.1", httpVersion: "1.1", query: {},
          headers: { toJSON() { built++; return { "x-ms-version": "2021-08-06" }; } },
          header() { return undefined; },
        };
        const response = { locals: {}, setHeader() {} };
        queueStorageContextMiddleware(request, response, () => { passed++; }, true, true);
        setTimeout(() => {
          const logged = fs.existsSync(debugLog) ? fs.readFileSync(debugLog, "utf8") : "";
          console.log(JSON.stringify({ built, passed, logged: logged.includes("QueueStorageContextMiddleware: RequestMethod=GET") }));
        }, 300);
        """;

    // Every module of Azurite, rewritten as the preload rewrites it, must still be valid JavaScript, and the rewrite must
    // find the log statements it is meant for.
    private const string RewriteProbe = """
        const fs = require("fs");
        const path = require("path");
        const vm = require("vm");
        const Module = require("module");
        const root = path.join(path.dirname(require.resolve("azurite/package.json")), "dist", "src");
        const files = [];
        const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full); else if (entry.name.endsWith(".js")) files.push(full);
        });
        walk(root);
        let guarded = 0;
        const broken = [];
        for (const file of files) {
          // Node drops a script's #! line before compiling it; so does the probe.
          const source = fs.readFileSync(file, "utf8").replace(/^#!.*/, "");
          const rewritten = globalThis.__azuriteWrites.rewrite(source);
          guarded += (rewritten.match(/__azuriteWrites\(/g) || []).length;
          try { new vm.Script(Module.wrap(rewritten), { filename: file }); } catch (e) { broken.push(file + ": " + e.message); }
        }
        console.log(JSON.stringify({ files: files.length, guarded, broken }));
        """;

    [Fact]
    public async Task LogMessages_WithThePreloadAndNoDebugLog_AreNotBuilt()
    {
        var output = await RunNodeAsync(withPreload: true, LogProbe);

        Assert.Contains("\"built\":0", output, StringComparison.Ordinal);
        Assert.Contains("\"passed\":1", output, StringComparison.Ordinal);
        Assert.Contains("\"logged\":false", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogMessages_WithThePreloadAndTheDebugLog_AreBuiltAndWritten()
    {
        var output = await RunNodeAsync(withPreload: true, LogProbe, "debug");

        Assert.Contains("\"built\":1", output, StringComparison.Ordinal);
        Assert.Contains("\"passed\":1", output, StringComparison.Ordinal);
        Assert.Contains("\"logged\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogMessages_WithoutThePreload_AreBuiltForNothing()
    {
        // What the guard is for: Azurite builds the message it then drops (if this starts failing, an Azurite release
        // stopped doing that and the guard can go).
        var output = await RunNodeAsync(withPreload: false, LogProbe);

        Assert.Contains("\"built\":1", output, StringComparison.Ordinal);
        Assert.Contains("\"logged\":false", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogGuardRewrite_KeepsEveryAzuriteModuleValid()
    {
        var output = await RunNodeAsync(withPreload: true, RewriteProbe);

        Assert.Contains("\"broken\":[]", output, StringComparison.Ordinal);
        // Azurite 3.37 has about 500 log statements; far fewer means the pattern no longer matches its code.
        var guarded = int.Parse(Regex.Match(output, "\"guarded\":(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(guarded > 300, output);
    }

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

    private static Task<string> RunNodeAsync(bool withPreload, string script = Probe, params string[] arguments) =>
        PreloadedNode.RunAsync(withPreload, script, arguments);
}
