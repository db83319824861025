using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.AI.Structured;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// The steps of runs (table <c>RunSteps</c>): one insert-only row per completed step, written by the activity that
/// did the work. Two uses: it is the run's read model (timeline, plan, candidates, gates, scores), and it makes every
/// activity idempotent by run id — the Durable Task engine may deliver an activity again after a crash, and
/// <see cref="RunAsync{T}"/> then returns the recorded result instead of calling a model a second time.
/// Replay itself is the engine's: nothing here decides what runs next.
/// </summary>
public sealed class RunSteps(StorageClients storage, RunPayloads payloads, IRunStepObserver observer, TimeProvider clock)
{
    public const string Table = "RunSteps";

    /// <summary>This process as it is recorded on the steps it does (see <see cref="RunStepEntity.Worker"/>).</summary>
    public static readonly string Worker = Environment.MachineName + "/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _inProgress = new(StringComparer.Ordinal);

    // A recorded result never changes (insert-only rows, the first record wins), so this host keeps the recent ones:
    // every activity of a run reads the same few (policy, basis, plan, candidate), five gates at once among them.
    // Bounded by count and size; a miss reads storage, so any host can continue any run. The count covers a hundred
    // runs in flight at ~15 steps each (at 1024 the cache was emptied several times during such a burst, and the
    // five gates of every run read their inputs from storage again).
    private readonly ImmutableTextCache _recorded = new(maxItemChars: 256 * 1024, maxTotalChars: 32L * 1024 * 1024, maxCount: 8192);

    /// <summary>
    /// The recorded result of <paramref name="step"/>, or does <paramref name="work"/> and records it. Deliveries of
    /// the same step in this process take turns (an activity that outlives its visibility timeout is delivered
    /// again while it still runs): the second finds the first's record.
    /// </summary>
    public async Task<T> RunAsync<T>(string runId, string step, int iteration, Func<UsageLedger, CancellationToken, Task<T>> work)
    {
        var key = Key(runId, step);
        var turn = _inProgress.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        try
        {
            return await RunOnceAsync(runId, step, iteration, work);
        }
        finally
        {
            turn.Release();
            if (turn.CurrentCount == 1)
            {
                _inProgress.TryRemove(new KeyValuePair<string, SemaphoreSlim>(key, turn));
            }
        }
    }

    private async Task<T> RunOnceAsync<T>(string runId, string step, int iteration, Func<UsageLedger, CancellationToken, Task<T>> work)
    {
        if (await FindAsync<T>(runId, step) is { Found: true } done)
        {
            return done.Value;
        }
        return (await WorkAndRecordAsync(runId, step, iteration, work)).Value;
    }

    /// <summary>Does the work and records it (the first record wins), with the observer's two step boundaries.</summary>
    private async Task<(T Value, bool First)> WorkAndRecordAsync<T>(string runId, string step, int iteration, Func<UsageLedger, CancellationToken, Task<T>> work)
    {
        // Not the host's stopping token: work cut short by a shutdown would fail the run. Work that outlives the
        // host is simply never recorded, and the engine delivers the activity again on a host that runs.
        var cancellation = CancellationToken.None;
        var started = clock.GetUtcNow();
        var ledger = new UsageLedger();
        var result = await work(ledger, cancellation);
        await observer.StepCompletingAsync(runId, step, cancellation);
        var recorded = await AppendFirstAsync(runId, step, iteration, started, result, ledger.Entries);
        await observer.StepJournaledAsync(runId, step, cancellation);
        return recorded;
    }

    /// <summary>
    /// For a step whose repetition is harmless — a read of current state, a pure computation, a check in the sandbox,
    /// never a model call or an outside effect: does <paramref name="work"/> without first looking for a record, then
    /// records it; when an earlier delivery recorded the step already, that record wins and is what this returns. One
    /// storage round trip on the step's path instead of two (a redelivery, which is rare, repeats the work instead).
    /// </summary>
    /// <returns>The recorded value, and whether this call's record is the one stored (false: an earlier delivery's).</returns>
    public async Task<(T Value, bool First)> RunRepeatableAsync<T>(string runId, string step, int iteration, Func<CancellationToken, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_recorded.TryGet(Key(runId, step), out var known))
        {
            return (JsonSerializer.Deserialize<T>(known, RunJson.Options)!, false);
        }
        return await WorkAndRecordAsync(runId, step, iteration, (_, ct) => work(ct));
    }

    /// <summary>Records a value that needed no work (a decision, the final status); the first record wins.</summary>
    public Task<T> RecordAsync<T>(string runId, string step, T value) =>
        AppendAsync(runId, step, 0, clock.GetUtcNow(), value, []);

    /// <summary>
    /// <see cref="RecordAsync{T}"/>, also saying whether this call's record is the one stored (false: an earlier
    /// delivery recorded the step first, and the value returned is that record).
    /// </summary>
    public Task<(T Value, bool First)> RecordFirstAsync<T>(string runId, string step, T value) =>
        AppendFirstAsync(runId, step, 0, clock.GetUtcNow(), value, []);

    public async Task<(bool Found, T Value)> FindAsync<T>(string runId, string step, CancellationToken cancellationToken = default)
    {
        if (_recorded.TryGet(Key(runId, step), out var known))
        {
            return (true, JsonSerializer.Deserialize<T>(known, RunJson.Options)!);
        }
        var table = await storage.TableAsync(Table);
        var row = await table.GetEntityIfExistsAsync<RunStepEntity>(runId, step, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } found)
        {
            return (false, default!);
        }
        var json = await payloads.GetAsync(found.ResultJson, found.ResultRef, cancellationToken);
        Remember(runId, step, json);
        return (true, JsonSerializer.Deserialize<T>(json, RunJson.Options)!);
    }

    private void Remember(string runId, string step, string json) => _recorded.Remember(Key(runId, step), json);

    private static string Key(string runId, string step) => runId + "/" + step;

    /// <summary>The typed result of a recorded step; throws when the step was never recorded (a bug, not input).</summary>
    public async Task<T> GetAsync<T>(string runId, string step, CancellationToken cancellationToken = default) =>
        await FindAsync<T>(runId, step, cancellationToken) is { Found: true } found
            ? found.Value
            : throw new InvalidOperationException($"Run {runId} has no recorded step '{step}'.");

    /// <summary>Every recorded step of a run (one partition query), in the order they completed.</summary>
    public async Task<IReadOnlyList<RunStepRecord>> LoadAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var records = new List<RunStepRecord>();
        await foreach (var row in table.QueryAsync<RunStepEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken: cancellationToken))
        {
            var usage = JsonSerializer.Deserialize<List<UsageEntry>>(row.UsageJson, StructuredJson.Options) ?? [];
            var result = await payloads.GetAsync(row.ResultJson, row.ResultRef, cancellationToken);
            records.Add(new RunStepRecord(row.RowKey, row.Iteration, row.StartedAt, row.CompletedAt, result, usage));
        }
        return records.OrderBy(r => r.CompletedAt).ThenBy(r => r.Step, StringComparer.Ordinal).ToList();
    }

    private async Task<T> AppendAsync<T>(string runId, string step, int iteration, DateTimeOffset started, T result, IReadOnlyList<UsageEntry> usage) =>
        (await AppendFirstAsync(runId, step, iteration, started, result, usage)).Value;

    private async Task<(T Value, bool First)> AppendFirstAsync<T>(string runId, string step, int iteration, DateTimeOffset started, T result, IReadOnlyList<UsageEntry> usage)
    {
        var json = JsonSerializer.Serialize(result, RunJson.Options);
        var (inline, reference) = await payloads.PutAsync(json);
        var row = new RunStepEntity
        {
            PartitionKey = runId,
            RowKey = step,
            Iteration = iteration,
            StartedAt = started,
            CompletedAt = clock.GetUtcNow(),
            ResultJson = inline,
            ResultRef = reference,
            UsageJson = JsonSerializer.Serialize(usage, StructuredJson.Options),
            Worker = Worker,
        };
        var table = await storage.TableAsync(Table);
        try
        {
            await table.AddEntityAsync(row);
            Remember(runId, step, json);
            return (result, true);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // Recorded by an earlier delivery of the same activity: the stored result is the truth.
            return (await GetAsync<T>(runId, step), false);
        }
    }
}
