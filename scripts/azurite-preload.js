// Preloaded into Azurite's node (`node --require scripts/azurite-preload.js …azurite.js`) by scripts/azurite.sh and by
// the tests' and benchmarks' Azurite (tests/DurableObjects.Testing/AzuriteCommand.cs).
//
// Azurite's queue service keeps every message of every queue in one LokiJS collection with four sorted indices, and
// before each dequeue and each delete it removes the queue's expired messages with `collection.remove(docs)`. LokiJS
// handles a batch removal by re-sorting every index of the collection from scratch, even when the batch is empty,
// which it almost always is: each queue request paid four sorts of all the messages held (measured: 13 % of Azurite's
// CPU in a burst of 100 runs, docs/benchmarks.md). Removing nothing changes nothing, so an empty batch returns at
// once; a batch with documents is removed exactly as before.
"use strict";

const loki = require("lokijs");

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
