using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>The <c>Runs</c> table: one row per run with its request and status; listable by object and by status.</summary>
public sealed class RunStore(StorageClients storage, RunPayloads payloads)
{
    public const string Table = "Runs";

    public async Task InsertAsync(RunEntity row, RunRequest request, CancellationToken cancellationToken = default)
    {
        (row.RequestJson, row.RequestRef) = await payloads.PutAsync(JsonSerializer.Serialize(request, RunJson.Options), cancellationToken);
        var table = await storage.TableAsync(Table);
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // Already recorded (a retried start): the first write stands.
        }
    }

    /// <summary>
    /// Merges the given columns into a run's row (other columns untouched): activities of one run update it in
    /// parallel (fan-out), each with only what it knows.
    /// </summary>
    public async Task MergeAsync(string runId, IReadOnlyDictionary<string, object?> columns, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(RunEntity.Partition, runId);
        foreach (var (name, value) in columns)
        {
            entity[name] = value;
        }
        entity[nameof(RunEntity.UpdatedAt)] = DateTimeOffset.UtcNow;
        var table = await storage.TableAsync(Table);
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Says which step the run is working on (what readers see as its current step).</summary>
    public Task SetCurrentStepAsync(string runId, string step, CancellationToken cancellationToken = default) =>
        MergeAsync(runId, new Dictionary<string, object?> { [nameof(RunEntity.CurrentStep)] = step }, cancellationToken);

    /// <summary>
    /// How long a step works before the run's row says it is on that step. The run's event stream polls every 250 ms, so
    /// a step that ends sooner is seldom seen as current anyway; its completed record (RunSteps) is what readers see.
    /// Skipping the marker for such steps saves a storage write per step (about a dozen per run) under load.
    /// </summary>
    public static readonly TimeSpan MarkerDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Does <paramref name="work"/> and, once it has taken longer than <see cref="MarkerDelay"/>, says the run is on
    /// <paramref name="step"/>; a marker that was started is written before this returns, so steps that follow one
    /// another never leave an older step's marker behind a newer one.
    /// </summary>
    public async Task<T> OnStepAsync<T>(string runId, string step, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var working = work();
        using var quick = new CancellationTokenSource();
        var late = Task.Delay(MarkerDelay, quick.Token);
        if (await Task.WhenAny(working, late) != late)
        {
            await quick.CancelAsync();
            return await working;
        }
        var marker = SetCurrentStepAsync(runId, step);
        try
        {
            return await working;
        }
        finally
        {
            await marker;
        }
    }

    /// <summary>The row alone (no request), or null.</summary>
    public async Task<RunEntity?> FindRowAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var found = await table.GetEntityIfExistsAsync<RunEntity>(RunEntity.Partition, runId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<(RunEntity Row, RunRequest Request)?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var found = await table.GetEntityIfExistsAsync<RunEntity>(RunEntity.Partition, runId, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }
        var json = await payloads.GetAsync(row.RequestJson, row.RequestRef, cancellationToken);
        return (row, JsonSerializer.Deserialize<RunRequest>(json, RunJson.Options)!);
    }

    /// <summary>
    /// The columns a listed run needs (everything but the request, which only a run's own view reads): listing is polled,
    /// and the request was most of each row read.
    /// </summary>
    private static readonly string[] ListColumns =
    [
        nameof(RunEntity.PartitionKey), nameof(RunEntity.RowKey), nameof(RunEntity.Kind), nameof(RunEntity.ObjectKey), nameof(RunEntity.ObjectName),
        nameof(RunEntity.Status), nameof(RunEntity.Requester), nameof(RunEntity.CurrentStep), nameof(RunEntity.Reason), nameof(RunEntity.Version),
        nameof(RunEntity.MaxIterations), nameof(RunEntity.Manual), nameof(RunEntity.Prompt), nameof(RunEntity.ProposedBy), nameof(RunEntity.CreatedAt),
        nameof(RunEntity.UpdatedAt),
    ];

    /// <summary>
    /// Where the listing cuts the row keys into ranges, newest first: the rows of the last day, of the 30 days before,
    /// then all older ones. Run ids are version-7 GUIDs (<see cref="RunLauncher"/>): their first 12 hex digits are the
    /// creation time in Unix milliseconds, so a range of row keys is a span of time.
    /// </summary>
    private static readonly TimeSpan[] ListSpans = [TimeSpan.FromDays(1), TimeSpan.FromDays(31)];

    /// <summary>
    /// Runs, newest first, optionally of one object; at most <paramref name="limit"/>; without their requests. Reads the
    /// ranges of <see cref="ListSpans"/> newest first and stops at the first that brings the count to the limit, so a
    /// listing reads the recent runs, not every run ever kept. The answer is the same whatever the row keys hold: the
    /// ranges are disjoint and cover every key, and each range holds only keys below the one before.
    /// </summary>
    public async Task<IReadOnlyList<RunEntity>> ListAsync(string? objectName, int limit, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var filter = objectName is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {RunEntity.Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {RunEntity.Partition} and ObjectKey eq {ObjectName.ToKey(objectName)}");
        var now = DateTimeOffset.UtcNow;
        var rows = new List<RunEntity>();
        string? above = null;
        foreach (var from in ListSpans.Select(span => KeyAt(now - span)).Append(null))
        {
            var range = filter
                + (from is null ? "" : TableClient.CreateQueryFilter($" and RowKey ge {from}"))
                + (above is null ? "" : TableClient.CreateQueryFilter($" and RowKey lt {above}"));
            await foreach (var row in table.QueryAsync<RunEntity>(range, select: ListColumns, cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
            if (rows.Count >= limit)
            {
                break;
            }
            above = from;
        }
        return rows.OrderByDescending(r => r.RowKey, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>The lowest run id created at <paramref name="time"/> or later (a version-7 GUID's "N" form).</summary>
    private static string KeyAt(DateTimeOffset time) =>
        Math.Max(0, time.ToUnixTimeMilliseconds()).ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 20);
}
