using System.Globalization;
using System.Text.RegularExpressions;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// <c>scripts/azurite-preload.js</c>, its lookups: point lookups of table entities and the queue's sweeps and dequeues
/// start from the narrower index, and table queries that name one partition evaluate their filter on that partition's
/// entities alone, each answering exactly as without the preload. The rest of the preload: <see cref="AzuritePreloadTests"/>.
/// </summary>
public sealed class AzuritePreloadQueryTests
{
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
        var with = await PreloadedNode.RunAsync(withPreload: true, LookupProbe);
        var without = await PreloadedNode.RunAsync(withPreload: false, LookupProbe);

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
        var with = await PreloadedNode.RunAsync(withPreload: true, QueryProbe);
        var without = await PreloadedNode.RunAsync(withPreload: false, QueryProbe);

        Assert.Equal(Answers(without), Answers(with));
        // 18 filters, each with and without $top: without the preload every query evaluates its filter on every
        // document; with it, the 12 filters that name one partition at their top level evaluate it on that partition's.
        Assert.Contains("\"queries\":36,\"narrowed\":0}", without, StringComparison.Ordinal);
        Assert.Contains("\"queries\":36,\"narrowed\":24}", with, StringComparison.Ordinal);
        // Not vacuous: most of the partitions' queries find something, across several pages with $top 3.
        Assert.Matches(@"\[""PartitionKey eq '5'"",3,\[\[\d+,\d+,\d+\],\[", without);

        static string Answers(string output) => output[..output.IndexOf(",\"queries\"", StringComparison.Ordinal)];
    }
}
