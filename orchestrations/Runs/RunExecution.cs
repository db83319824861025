using System.Text.Json;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Runs.Storage;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The journal-backed memory of one run, in the style of a durable-execution replay: <see cref="StepAsync{T}"/>
/// returns the journaled result of a step that already completed, and otherwise does the work, journals its result
/// and usage, and only then returns — so re-running the pipeline after a restart repeats no completed step.
/// Used by one grain activation at a time (single-threaded).
/// </summary>
public sealed class RunExecution(
    string runId,
    RunRequest request,
    List<JournalEntry> entries,
    RunJournal journal,
    IRunStepObserver observer,
    TimeProvider clock,
    CancellationToken cancellation)
{
    public string RunId => runId;
    public RunRequest Request => request;
    public CancellationToken Cancellation => cancellation;
    public IReadOnlyList<JournalEntry> Entries => entries;

    /// <summary>The step being worked on (for readers of the run).</summary>
    public string CurrentStep { get; private set; } = "";

    public bool Has(string step) => entries.Any(e => e.Step == step);

    public bool TryGet<T>(string step, out T value)
    {
        var entry = entries.FirstOrDefault(e => e.Step == step);
        value = entry is null ? default! : JsonSerializer.Deserialize<T>(entry.ResultJson, RunJson.Options)!;
        return entry is not null;
    }

    /// <summary>The journaled result of <paramref name="step"/>, or runs <paramref name="work"/> and journals it.</summary>
    public async Task<T> StepAsync<T>(string step, int iteration, Func<UsageLedger, CancellationToken, Task<T>> work)
    {
        if (TryGet<T>(step, out var done))
        {
            return done;
        }
        cancellation.ThrowIfCancellationRequested();
        CurrentStep = step;
        var started = clock.GetUtcNow();
        var ledger = new UsageLedger();
        // Off the activation's scheduler: steps parse and measure code synchronously (Roslyn), which must not hold
        // up reads and decisions on this grain. The continuation returns to the activation (journal state is its own).
        var result = await Task.Run(() => work(ledger, cancellation), cancellation);
        await observer.StepCompletingAsync(runId, step, cancellation);
        await AppendAsync(step, iteration, started, result, ledger.Entries);
        await observer.StepJournaledAsync(runId, step, cancellation);
        return result;
    }

    /// <summary>Journals a value that needed no work (a decision, a cancellation, the final status). Ignores cancellation.</summary>
    public async Task<T> RecordAsync<T>(string step, T value)
    {
        if (TryGet<T>(step, out var done))
        {
            return done;
        }
        await AppendAsync(step, 0, clock.GetUtcNow(), value, []);
        return value;
    }

    private async Task AppendAsync<T>(string step, int iteration, DateTimeOffset started, T result, IReadOnlyList<UsageEntry> usage)
    {
        var sequence = entries.Count == 0 ? 1 : entries.Max(e => e.Sequence) + 1;
        var entry = new JournalEntry(step, sequence, iteration, started, clock.GetUtcNow(), JsonSerializer.Serialize(result, RunJson.Options), usage);
        if (!await journal.AppendAsync(runId, entry))
        {
            // Journaled by an earlier attempt that did not learn of its success: the stored row is the truth.
            entries.Clear();
            entries.AddRange(await journal.LoadAsync(runId));
            return;
        }
        entries.Add(entry);
    }
}
