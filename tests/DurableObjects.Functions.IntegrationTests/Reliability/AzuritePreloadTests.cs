using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// <c>scripts/azurite-preload.js</c>: the emulator's LokiJS collections return at once from removing an empty batch
/// instead of re-sorting every index, a batch with documents is removed as before, the preload patches the very module
/// Azurite loads, and the emulator the tests start runs with it and still serves queues: messages dequeued in order,
/// deleted, expired ones gone. Azurite's log messages are built only when its logger writes them (with <c>--debug</c>),
/// and every module of Azurite still compiles after the rewrite that guards them. Point lookups of table entities and
/// the queue's sweeps and dequeues start from the narrower index and answer exactly as without the preload; so do table
/// queries that name one partition, which evaluate their filter on that partition's entities alone. That
/// <c>scripts/azurite.sh</c> (start.sh's emulator) preloads it: <c>EmulatorStopTests</c>.
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

    // Table entities and queue messages indexed as Azurite indexes them, keys chosen so that LokiJS's loose comparisons
    // have work to do (number-like strings, "", case), updated and removed in between; then point lookups of every key
    // pair (present and absent) and Azurite's expiry sweeps and dequeues. Prints the answers (documents by $loki), how
    // many lookups went the way LokiJS goes on its own (an explicit $and over the query's properties) and how often a
    // dequeue's update of its messages re-sorted the indices.
    private const string LookupProbe = """
        const loki = require("lokijs");
        let seed = 12345;
        const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const db = new loki("probe.db");
        // Entities as Azurite indexes them; keys chosen so that LokiJS's loose equality has work to do.
        const entities = db.addCollection("entities", { indices: ["PartitionKey", "RowKey"] });
        const partitions = ["5", "05", "0000000000000005", "1e3", "1000", " 7", "7", "", "a", "A", "ab", "sentinel"];
        for (let i = 0; i < 60; i++) partitions.push(i.toString(16).padStart(32, "0"));
        const rows = ["", "5", "05", "0000000000000005", "0000000000000006", "000000000000000A", "sentinel", "x", "X",
          "1e3", "1000"];
        for (const pk of partitions) {
          for (const rk of rows) if (next(3) !== 0) entities.insert({ PartitionKey: pk, RowKey: rk, v: next(1000) });
        }
        const byLoki = (a, b) => a.$loki - b.$loki;
        entities.update(entities.find({ RowKey: "x" }).sort(byLoki).slice(0, 3).map((d) => Object.assign(d, { v: -1 })));
        entities.remove(entities.find({ RowKey: "05" }).sort(byLoki).slice(0, 5));
        let ands = 0;
        const and = loki.Resultset.prototype.$and;
        loki.Resultset.prototype.$and = function (...a) { ands++; return and.apply(this, a); };
        const point = [];
        for (const pk of partitions.concat(["missing", "00005", "5.0"])) for (const rk of rows.concat(["missing", "6", "5.0"])) {
          const doc = entities.findOne({ RowKey: rk, PartitionKey: pk });
          point.push(doc ? doc.$loki : null);
        }
        const pointAnds = ands;
        // Messages as Azurite indexes them (its index names one property the documents do not have).
        const messages = db.addCollection("messages", { indices: ["accountName", "queueName", "messageId", "visibleTime"] });
        const queues = ["q-control-00", "q-control-01", "q-workitems", "123", "0123", "other"];
        for (let i = 0; i < 400; i++) {
          messages.insert({ accountName: next(10) === 0 ? "second" : "devstoreaccount1", queueName: queues[next(queues.length)],
            messageId: "m" + i, timeNextVisible: next(100), expirationTime: next(100), dequeueCount: 0 });
        }
        let updating = false;
        let updateRebuilds = 0;
        const update = loki.Collection.prototype.update;
        loki.Collection.prototype.update = function (doc) {
          const outer = !updating;
          updating = true;
          try { return update.call(this, doc); } finally { if (outer) updating = false; }
        };
        const ensureAllIndexes = loki.Collection.prototype.ensureAllIndexes;
        loki.Collection.prototype.ensureAllIndexes = function (force) {
          if (updating) updateRebuilds++;
          return ensureAllIndexes.call(this, force);
        };
        const dequeues = [];
        const andsBeforeQueues = ands;
        for (let round = 0; round < 20; round++) {
          const queue = queues[next(queues.length)];
          const account = next(5) === 0 ? "second" : "devstoreaccount1";
          const now = next(120);
          const expired = messages.chain().find({ accountName: account, queueName: queue, expirationTime: { $lte: now } }).data();
          messages.remove(expired);
          const docs = messages.chain().find({ accountName: account, queueName: queue, timeNextVisible: { $lte: now } })
            .compoundsort([["timeNextVisible", false], ["$loki", false]]).limit(1 + next(5)).data();
          for (const doc of docs) { doc.timeNextVisible = now + 30; doc.dequeueCount++; }
          messages.update(docs);
          dequeues.push([queue, account, expired.map((d) => d.$loki).sort((a, b) => a - b), docs.map((d) => d.$loki)]);
        }
        const queueAnds = ands - andsBeforeQueues;
        const byQueue = queues.map((q) => messages.find({ queueName: q }).map((d) => d.$loki).sort((a, b) => a - b));
        const byTime = [0, 50, 150].map((t) =>
          messages.chain().find({ timeNextVisible: { $lte: t } }).data().map((d) => d.$loki).sort((a, b) => a - b));
        console.log(JSON.stringify({ answers: { point, dequeues, byQueue, byTime }, pointAnds, queueAnds, updateRebuilds }));
        """;

    // Azurite's own table query (LokiTableMetadataStore.queryTableEntities, on a collection indexed as Azurite indexes a
    // table) with filters that name one partition in each way the filter language allows and many that do not (or, not,
    // ranges, a number, another identifier's case), with and without $top and its continuation pages; partition keys
    // chosen so that LokiJS's loose comparisons have work to do. Prints each query's pages (documents by $loki) and how
    // many of the queries evaluated their filter on fewer documents than the table holds.
    private const string QueryProbe = """
        const loki = require("lokijs");
        const Store = require("azurite/dist/src/table/persistence/LokiTableMetadataStore.js").default;
        const interpreter = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryInterpreter.js");
        let seed = 4242;
        const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const db = new loki("probe.db");
        const entities = db.addCollection("entities", { indices: ["PartitionKey", "RowKey"] });
        const partitions = ["5", "05", "0000000000000005", "5.0", "1e3", "1000", " 7", "7", "", "a", "A", "ab", "it's", "sentinel"];
        for (let i = 0; i < 40; i++) partitions.push(i.toString(16).padStart(32, "0"));
        const rows = ["", "5", "05", "0000000000000005", "000000000000000A", "sentinel", "x", "X", "1e3", "1000"];
        for (const pk of partitions) {
          for (const rk of rows) if (next(3) !== 0) {
            entities.insert({ PartitionKey: pk, RowKey: rk, properties: { PartitionKey: pk, RowKey: rk, v: next(1000) }, eTag: "e" });
          }
        }
        entities.remove(entities.find({ RowKey: "05" }).sort((a, b) => a.$loki - b.$loki).slice(0, 5));
        let evaluated = 0;
        const execute = interpreter.default;
        interpreter.default = (context, tree) => { evaluated++; return execute(context, tree); };
        const store = Object.create(Store.prototype);
        store.getEntityCollection = () => entities;
        const filters = [
          `PartitionKey eq "5"`, `PartitionKey eq "05" and RowKey ge "1"`, `(PartitionKey eq "1e3") and (v gt 500)`,
          `RowKey eq "5" and PartitionKey eq "a"`, `"A" eq PartitionKey`, `PartitionKey eq "it''s"`, `PartitionKey eq ""`,
          `PartitionKey eq "a" and PartitionKey eq "A"`, `PartitionKey eq "missing"`, `PartitionKey eq "00005"`,
          `PartitionKey eq "sentinel" and (RowKey eq "x" or RowKey eq "X" or v lt 300)`, `PartitionKey eq "7" and not (v lt 500)`,
          `PartitionKey eq "a" or PartitionKey eq "A"`, `not (PartitionKey eq "a")`, `PartitionKey ge "5" and PartitionKey lt "6"`,
          `PartitionKey eq 5`, `partitionkey eq "a"`, `v lt 100`,
        ].map((f) => f.replace(/"/g, "'"));
        const answers = [];
        let narrowed = 0;
        (async () => {
          for (const filter of filters) {
            for (const top of [undefined, 3]) {
              let token = [undefined, undefined];
              const pages = [];
              const before = evaluated;
              do {
                const [found, nextPk, nextRk] = await store.queryTableEntities({}, "devstoreaccount1", "t", { filter, top }, token[0], token[1]);
                pages.push(found.map((d) => d.$loki));
                token = [nextPk, nextRk];
              } while (token[0] !== undefined || token[1] !== undefined);
              if (evaluated - before < entities.count() * pages.length) narrowed++;
              answers.push([filter, top, pages]);
            }
          }
          console.log(JSON.stringify({ answers, queries: answers.length, narrowed }));
        })();
        """;

    [Fact]
    public async Task Lookups_WithThePreload_AnswerExactlyAsWithout_FromTheNarrowerIndex()
    {
        var with = await RunNodeAsync(withPreload: true, LookupProbe);
        var without = await RunNodeAsync(withPreload: false, LookupProbe);

        Assert.Equal(Answers(without), Answers(with));
        // The probe asks 1050 point lookups (520 found) and 20 sweeps and dequeues: most lookups start from the partition's
        // index with the preload (the rest have a partition no narrower than the row key's), none of the queue's from the
        // account's, and no dequeue's update re-sorts the indices.
        Assert.Contains("\"pointAnds\":1050,\"queueAnds\":40,\"updateRebuilds\":20", without, StringComparison.Ordinal);
        Assert.True(Count(with, "pointAnds") < 200, with);
        Assert.Equal(0, Count(with, "queueAnds"));
        Assert.Equal(0, Count(with, "updateRebuilds"));

        static string Answers(string output) => output[..output.IndexOf(",\"pointAnds\"", StringComparison.Ordinal)];
        static int Count(string output, string name) =>
            int.Parse(Regex.Match(output, $"\"{name}\":(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task PartitionQueries_WithThePreload_AnswerExactlyAsWithout_FromThePartition()
    {
        var with = await RunNodeAsync(withPreload: true, QueryProbe);
        var without = await RunNodeAsync(withPreload: false, QueryProbe);

        Assert.Equal(Answers(without), Answers(with));
        // 18 filters, each with and without $top: without the preload every query evaluates its filter on every
        // document; with it, the 12 filters that name one partition at their top level evaluate it on that partition's.
        Assert.Contains("\"queries\":36,\"narrowed\":0}", without, StringComparison.Ordinal);
        Assert.Contains("\"queries\":36,\"narrowed\":24}", with, StringComparison.Ordinal);
        // Not vacuous: most of the partitions' queries find something, across several pages with $top 3.
        Assert.Matches(@"\[""PartitionKey eq '5'"",3,\[\[\d+,\d+,\d+\],\[", without);

        static string Answers(string output) => output[..output.IndexOf(",\"queries\"", StringComparison.Ordinal)];
    }

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

    private static async Task<string> RunNodeAsync(bool withPreload, string script = Probe, params string[] arguments)
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
