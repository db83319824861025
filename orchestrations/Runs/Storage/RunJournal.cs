using System.Text.Json;
using Azure;
using DurableObjects.AI.Structured;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// The run journal (table <c>RunJournal</c>): one insert-only row per completed step. A step is journaled before the
/// next starts; replaying the rows in sequence order rebuilds the run after a restart.
/// </summary>
public sealed class RunJournal(StorageClients storage, RunPayloads payloads)
{
    public const string Table = "RunJournal";

    /// <summary>Appends a completed step. Returns false when the step was already journaled (a retried write).</summary>
    public async Task<bool> AppendAsync(string runId, JournalEntry entry, CancellationToken cancellationToken = default)
    {
        var (inline, reference) = await payloads.PutAsync(entry.ResultJson, cancellationToken);
        var row = new RunJournalEntity
        {
            PartitionKey = runId,
            RowKey = entry.Step,
            Sequence = entry.Sequence,
            Iteration = entry.Iteration,
            StartedAt = entry.StartedAt,
            CompletedAt = entry.CompletedAt,
            ResultJson = inline,
            ResultRef = reference,
            UsageJson = JsonSerializer.Serialize(entry.Usage, StructuredJson.Options),
        };
        var table = await storage.TableAsync(Table);
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    /// <summary>Every journaled step of a run, in the order they completed.</summary>
    public async Task<List<JournalEntry>> LoadAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var entries = new List<JournalEntry>();
        await foreach (var row in table.QueryAsync<RunJournalEntity>(e => e.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            var usage = JsonSerializer.Deserialize<List<UsageEntry>>(row.UsageJson, StructuredJson.Options) ?? [];
            var result = await payloads.GetAsync(row.ResultJson, row.ResultRef, cancellationToken);
            entries.Add(new JournalEntry(row.RowKey, row.Sequence, row.Iteration, row.StartedAt, row.CompletedAt, result, usage));
        }
        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries;
    }
}
