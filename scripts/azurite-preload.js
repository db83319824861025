// Preloaded into Azurite's node (`node --require scripts/azurite-preload.js …azurite.js`) by scripts/azurite.sh and by
// the tests' and benchmarks' Azurite (tests/DurableObjects.Testing/AzuriteCommand.cs). Costs every request paid for
// nothing or for a poor choice of index (measured in docs/benchmarks.md); what Azurite stores and answers is unchanged
// by any of them (tests/DurableObjects.Functions.IntegrationTests/Reliability/AzuritePreloadTests.cs compares answers
// with and without).
"use strict";

const Module = require("module");
const path = require("path");
const loki = require("lokijs");

// 1. Empty batch removals. Azurite's queue service keeps every message of every queue in one LokiJS collection with
// four sorted indices, and before each dequeue and each delete it removes the queue's expired messages with
// `collection.remove(docs)`. LokiJS handles a batch removal by re-sorting every index of the collection from scratch,
// even when the batch is empty, which it almost always is: each queue request paid four sorts of all the messages
// held (13 % of Azurite's CPU in a burst of 100 runs). Removing nothing changes nothing, so an empty batch returns at
// once; a batch with documents is removed exactly as before.
const removeBatch = loki.Collection.prototype.removeBatch;
if (!removeBatch.emptyBatchReturnsAtOnce) {
  const patched = function (batch) {
    if (Array.isArray(batch) && batch.length === 0) {
      return;
    }
    return removeBatch.call(this, batch);
  };
  patched.emptyBatchReturnsAtOnce = true;
  loki.Collection.prototype.removeBatch = patched;
}

// 2. Log messages nobody reads. Azurite logs through one Logger whose strategy, without `--debug`, drops every message
// (NoLoggerStrategy) — but each call site builds its message first: about 17 calls per request, ~6 KB of text, with
// JSON.stringify of the request's headers, its parameters and whole table batch and query bodies. As Azurite's modules
// are compiled, each statement that calls one of its loggers (`this.logger.info(…)`, `Logger_1.default.debug(…)`,
// `logger.error(…)`, …; in Azurite's compiled code every such call is a statement of its own) is prefixed with a check
// that the logger's strategy is not the one that drops everything, so the message is built only when it is written.
// With `--debug` the strategy writes and every message is built and logged as before; a logger object of any other
// kind passes the check and logs as before.
const azuriteSource = `${path.sep}node_modules${path.sep}azurite${path.sep}dist${path.sep}src${path.sep}`;
const noLoggerModule = `${path.sep}common${path.sep}NoLoggerStrategy.js`;
const logStatement = /^([ \t]*)((?:this\.)?_?logger|Logger_1\.default|options\.logger)\.(error|warn|info|verbose|debug)\(/gm;
let NoLoggerStrategy = null;
// What to do once one of Azurite's modules has loaded, by the end of its file name (its exports, its file name).
const afterLoading = new Map([[noLoggerModule, (exports) => {
  if (typeof exports.default === "function") {
    NoLoggerStrategy = exports.default;
  }
}]]);
if (!globalThis.__azuriteWrites) {
  const writes = (logger) => !(NoLoggerStrategy !== null && logger != null && logger.strategy instanceof NoLoggerStrategy);
  // The rewrite of one module's source, for the tests (tests/DurableObjects.Functions.IntegrationTests/Reliability/AzuritePreloadTests.cs).
  writes.rewrite = (content) => content.replace(logStatement, "$1__azuriteWrites($2) && $2.$3(");
  Object.defineProperty(globalThis, "__azuriteWrites", { value: writes });
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, ...rest) {
    if (typeof content !== "string" || typeof filename !== "string" || !filename.includes(azuriteSource)) {
      return compile.call(this, content, filename, ...rest);
    }
    const result = compile.call(this, writes.rewrite(content), filename, ...rest);
    for (const [ending, loaded] of afterLoading) {
      if (filename.endsWith(ending) && this.exports) {
        loaded(this.exports, filename);
      }
    }
    return result;
  };
}

// 3. The index a lookup starts from. LokiJS answers a query of several properties by taking the first one that has a
// sorted index and scanning that index's matches for the others — whichever property comes first in the query, however
// many documents it matches. Azurite's table entities are indexed by PartitionKey and by RowKey, and every point lookup
// (a read, and the existence check of each insert, update, merge and delete) asks `findOne({ RowKey, PartitionKey })`:
// in the engine's History table a RowKey (an event's sequence number) is shared by every instance, in its Instances
// table every row has the RowKey "", so each lookup scanned one row per orchestration ever run. Azurite's queue
// messages are indexed by account and by queue, and dequeues, peeks and the expiry sweep ask for
// `{ accountName, queueName, … }`: every message of the emulator has the same account.
// Here such a lookup starts from the narrower index instead, and keeps the same conditions: a document is in the answer
// exactly when it is in Azurite's (each property strictly equal, as LokiJS checks an equality both with and without an
// index; the time as its operator says).
// A point lookup that finds more than one document — which a table's unique keys rule out — is answered by LokiJS as
// before, so even the order it would pick from is kept. The queue lookups' callers sort their answer by a total order
// (time, then insertion) or remove it, so its order is free.
// The documents of a sorted index whose value LokiJS finds equal to `value` (its own, loose range for `$eq`).
const range = (collection, property, value) => {
  collection.ensureIndex(property);
  const [start, end] = collection.calculateRange("$eq", property, value);
  return { start, end, size: end - start + 1 };
};
// Data positions of the index range whose documents pass `keep`, in index order.
const scan = (collection, property, { start, end }, keep) => {
  const positions = collection.binaryIndices[property].values;
  const data = collection.data;
  const found = [];
  for (let i = start; i <= end; i++) {
    if (keep(data[positions[i]])) {
      found.push(positions[i]);
    }
  }
  return found;
};
// A result set holding exactly `rows` (data positions), as LokiJS's own filters leave one.
const answer = (resultset, rows) => {
  resultset.filteredrows = rows;
  resultset.filterInitialized = true;
  return resultset;
};
const find = loki.Resultset.prototype.find;
if (!find.startsFromTheNarrowerIndex) {
  const ops = loki.LokiOps;
  // The operators a time is compared with here: LokiJS applies them to the value as given (no compiled form).
  const comparisons = new Set(["$lt", "$lte", "$gt", "$gte"]);
  const indexed = (collection, ...properties) => properties.every((p) => collection.binaryIndices[p] !== undefined);
  const patchedFind = function (query, firstOnly) {
    const collection = this.collection;
    if (this.filterInitialized || query === null || typeof query !== "object" || collection.data.length === 0) {
      return find.call(this, query, firstOnly);
    }
    const keys = Object.keys(query);
    if (firstOnly === true && keys.length === 2 && keys[0] === "RowKey" && keys[1] === "PartitionKey"
      && typeof query.RowKey === "string" && typeof query.PartitionKey === "string" && indexed(collection, "RowKey", "PartitionKey")) {
      const partition = range(collection, "PartitionKey", query.PartitionKey);
      // A partition of at most one row is the narrowest there is (every Instances lookup): no second search.
      if (partition.size <= 1 || partition.size < range(collection, "RowKey", query.RowKey).size) {
        const rows = scan(collection, "PartitionKey", partition,
          (doc) => doc.PartitionKey === query.PartitionKey && doc.RowKey === query.RowKey);
        if (rows.length <= 1) {
          return answer(this, rows);
        }
      }
    } else if (firstOnly !== true && keys.length === 3 && keys[0] === "accountName" && keys[1] === "queueName"
      && (keys[2] === "timeNextVisible" || keys[2] === "expirationTime") && typeof query.accountName === "string"
      && typeof query.queueName === "string" && indexed(collection, "accountName", "queueName")
      && query[keys[2]] !== null && typeof query[keys[2]] === "object" && Object.keys(query[keys[2]]).length === 1
      && comparisons.has(Object.keys(query[keys[2]])[0])) {
      const time = keys[2];
      const [op] = Object.keys(query[time]);
      const bound = query[time][op];
      const rows = scan(collection, "queueName", range(collection, "queueName", query.queueName),
        (doc) => doc.queueName === query.queueName && doc.accountName === query.accountName && ops[op](doc[time], bound, doc));
      return answer(this, rows);
    }
    return find.call(this, query, firstOnly);
  };
  patchedFind.startsFromTheNarrowerIndex = true;
  loki.Resultset.prototype.find = patchedFind;
}

// 4. Small batch updates. A dequeue updates the messages it hands out with `collection.update(docs)`, and LokiJS
// updates any batch by turning off its incremental index upkeep and re-sorting every index of the collection
// afterwards — four sorts of all queued messages for the one message a work-item dequeue takes. A batch of up to 32
// documents (a dequeue's most) is updated one document at a time instead, each adjusting the indices in place: the
// same documents and the same sorted indices.
const update = loki.Collection.prototype.update;
if (!update.smallBatchesOneByOne) {
  const patchedUpdate = function (doc) {
    if (Array.isArray(doc) && doc.length <= 32) {
      for (const one of doc) {
        update.call(this, one);
      }
      return;
    }
    return update.call(this, doc);
  };
  patchedUpdate.smallBatchesOneByOne = true;
  loki.Collection.prototype.update = patchedUpdate;
}

// 5. Queries of one partition. Azurite answers a table query (a $filter) by evaluating the filter on every entity of
// the table: the engine's reads of one instance's history (its History table holds every event of every orchestration
// kept, one day's by default) and of its state, and the app's reads of one object's versions or one run's steps, each
// walked the whole table, so their cost grew with everything stored. When the filter is a conjunction one of whose
// terms is `PartitionKey eq '<text>'` (in either order, at its top level: not under an `or` or a `not`), the filter
// function Azurite builds from it is marked with that key, and its evaluation starts from the partition's documents
// (the PartitionKey index, strict equality as the filter's own `eq` on text) instead of every document. The filter
// itself is still evaluated on each of them, so the answer holds exactly the documents it held; Azurite then sorts it
// by (PartitionKey, RowKey), unique in a table, so its order is the same too.
const queryGenerator = `${path.sep}table${path.sep}persistence${path.sep}LokiTableStoreQueryGenerator.js`;
const partitionOfFilter = Symbol("partitionKey");
afterLoading.set(queryGenerator, (exports, filename) => {
  const generator = exports.default;
  const nodes = path.join(path.dirname(filename), "QueryInterpreter", "QueryNodes");
  const parser = require(path.join(path.dirname(filename), "QueryInterpreter", "QueryParser.js"));
  const [AndNode, EqualsNode, IdentifierNode, ConstantNode] = ["AndNode", "EqualsNode", "IdentifierNode", "ConstantNode"]
    .map((name) => require(path.join(nodes, `${name}.js`)).default);
  const isPartitionKey = (node) => node instanceof IdentifierNode && node.identifier === "PartitionKey";
  const isText = (node) => node instanceof ConstantNode && typeof node.value === "string";
  // The partition key a filter's top-level conjunction requires, or undefined.
  const partitionOf = (node) => {
    if (node instanceof AndNode) {
      const left = partitionOf(node.left);
      return left !== undefined ? left : partitionOf(node.right);
    }
    if (node instanceof EqualsNode) {
      if (isPartitionKey(node.left) && isText(node.right)) return node.right.value;
      if (isText(node.left) && isPartitionKey(node.right)) return node.left.value;
    }
    return undefined;
  };
  const generate = generator && generator.generateQueryEntityWhereFunction;
  if (typeof generate !== "function" || typeof parser.default !== "function" || generate.marksItsPartition) {
    return;
  }
  // The tree the generator parses the filter into, kept as the parser hands it over (the generator calls the parser
  // through its module's exports, synchronously), so the filter is not parsed a second time here.
  const parse = parser.default;
  let parsed;
  parser.default = function (query) {
    parsed = parse.call(this, query);
    return parsed;
  };
  const marked = function (query) {
    parsed = undefined;
    const where = generate.call(this, query);
    const tree = parsed;
    parsed = undefined;
    const key = typeof where === "function" && tree !== undefined ? partitionOf(tree) : undefined;
    if (key !== undefined) {
      where[partitionOfFilter] = key;
    }
    return where;
  };
  marked.marksItsPartition = true;
  generator.generateQueryEntityWhereFunction = marked;
});
const where = loki.Resultset.prototype.where;
if (!where.startsFromThePartition) {
  const patchedWhere = function (fun) {
    const key = typeof fun === "function" ? fun[partitionOfFilter] : undefined;
    const collection = this.collection;
    if (typeof key === "string" && !this.filterInitialized && collection.binaryIndices.PartitionKey !== undefined
      && collection.data.length > 0) {
      answer(this, scan(collection, "PartitionKey", range(collection, "PartitionKey", key), (doc) => doc.PartitionKey === key));
    }
    return where.call(this, fun);
  };
  patchedWhere.startsFromThePartition = true;
  loki.Resultset.prototype.where = patchedWhere;
}
