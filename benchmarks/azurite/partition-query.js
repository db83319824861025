// Azurite's table query of one partition (the engine's read of one instance's history), against a History-like table of
// N rows in partitions of 30, without and with the emulator's preload (scripts/azurite-preload.js), side by side.
// Run from the repository root: node benchmarks/azurite/partition-query.js [rows…]   (default 3000 30000 300000)
// Calls Azurite's own LokiTableMetadataStore.queryTableEntities on an in-memory collection indexed as Azurite indexes a
// table; prints the mean time per query over 200 queries of random partitions. Results: docs/benchmarks.md.
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

if (process.argv[2] === "--measure") {
  const loki = require("lokijs");
  const Store = require("azurite/dist/src/table/persistence/LokiTableMetadataStore.js").default;
  const rows = Number(process.argv[3]);
  const entities = new loki("bench.db").addCollection("entities", { indices: ["PartitionKey", "RowKey"] });
  const instance = (n) => "instance" + n.toString(16).padStart(24, "0");
  for (let i = 0; i < rows; i++) {
    const pk = instance(Math.floor(i / 30));
    entities.insert({
      PartitionKey: pk, RowKey: (i % 30).toString(16).padStart(16, "0"),
      properties: { PartitionKey: pk, RowKey: (i % 30).toString(16).padStart(16, "0"), EventType: "TaskCompleted", ExecutionId: "e" + Math.floor(i / 30) },
      eTag: "e",
    });
  }
  const store = Object.create(Store.prototype);
  store.getEntityCollection = () => entities;
  const partitions = Math.ceil(rows / 30);
  // The engine's history query: one instance's partition, its sentinel row or its execution's events.
  const query = (n) => store.queryTableEntities({}, "devstoreaccount1", "History",
    { filter: `PartitionKey eq '${instance(n)}' and (RowKey eq 'sentinel' or ExecutionId eq 'e${n}')` });
  (async () => {
    for (let i = 0; i < 50; i++) await query((i * 7919) % partitions);
    let found = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) found += (await query((i * 104729) % partitions))[0].length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / 200;
    console.log(JSON.stringify({ ms, found: found / 200 }));
  })();
} else {
  const root = path.resolve(__dirname, "..", "..");
  const preload = path.join(root, "scripts", "azurite-preload.js");
  const sizes = process.argv.slice(2).map(Number);
  console.log("rows      without preload   with preload   (ms per query; rows found per query)");
  for (const rows of sizes.length > 0 ? sizes : [3000, 30000, 300000]) {
    const run = (args) => JSON.parse(execFileSync(process.execPath, [...args, __filename, "--measure", String(rows)], { cwd: root }));
    const without = run([]);
    const withPreload = run(["--require", preload]);
    console.log(`${String(rows).padEnd(9)} ${without.ms.toFixed(3).padStart(15)}   ${withPreload.ms.toFixed(3).padStart(12)}   (${without.found}; ${withPreload.found})`);
  }
}
