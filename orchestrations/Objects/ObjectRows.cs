using System.Diagnostics;
using System.Globalization;
using Azure;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// Reads and changes object rows with storage concurrency, the only way an object is shared between hosts: nothing
/// of an object is kept in memory between calls. A change re-reads the row, re-checks who may change it, and replaces
/// the row only with the ETag it read; a 412 (another writer was first, on this host or another) means read again
/// and re-apply, so concurrent changes are serialized by storage and none is lost.
/// Trust model: callers pass an authenticated <see cref="Actor"/>; every change checks that actor's rights against
/// the row as stored at the moment of the write, never against an earlier read.
/// </summary>
public sealed partial class ObjectRows(
    ObjectStore objects,
    VersionStore versions,
    AuditLog audit,
    DeploymentCache served,
    ObjectWriteGate gate,
    IOptions<ObjectWriteOptions> options,
    TimeProvider clock,
    ILogger<ObjectRows> logger)
{
    /// <summary>The row as stored now, or null when there is no such object.</summary>
    public async Task<ObjectRow?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        await objects.GetAsync(key, cancellationToken) is { } row ? new ObjectRow(row.Info, row.ETag) : null;

    /// <summary>
    /// The row and the newest version number stored (read side by side). A version the row does not point at yet
    /// is either a writer's in flight (left alone) or the leftover of one that died (adopted; see
    /// <see cref="ObjectWriteOptions.AdoptAfter"/>).
    /// </summary>
    public async Task<(ObjectRow? Row, int LatestStored)> ReadReconciledAsync(string key, CancellationToken cancellationToken = default)
    {
        var rowRead = ReadAsync(key, cancellationToken);
        var latestRead = versions.GetLatestAsync(key, cancellationToken);
        var row = await rowRead;
        var latest = (await latestRead)?.Number ?? 0;
        if (row is not null && latest > row.Info.LatestVersion)
        {
            row = await AdoptStaleAsync(key, row, cancellationToken);
        }
        return (row, latest);
    }

    /// <summary>
    /// Adopts, in order, the version rows after the one <paramref name="row"/> points at whose writer is presumed dead
    /// (older than <see cref="ObjectWriteOptions.AdoptAfter"/>): the row is pointed at each (ETag-guarded, so only
    /// one host adopts it) and its <c>version.added</c> event, which the writer never got to record, is recorded,
    /// marked recovered. Returns the row as it ends up.
    /// The rule the writer's own pointing follows (<see cref="VersionWriter"/>): a version becomes current only while the
    /// object's current version is still its parent. Otherwise the object was rolled back between the version's insert
    /// and now; the rollback stands, and the version is adopted as the latest but not current (its writer, should it
    /// retry, is told so: <see cref="VersionBasis.NotCurrentAsync"/>).
    /// </summary>
    public async Task<ObjectRow> AdoptStaleAsync(string key, ObjectRow row, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var next = await versions.GetAsync(key, row.Info.LatestVersion + 1, cancellationToken);
            if (next is null || clock.GetUtcNow() - next.CreatedAt < options.Value.AdoptAfter)
            {
                return row;
            }
            var follows = (next.ParentVersion ?? 0) == row.Info.CurrentVersion;
            var adopted = follows
                ? row.Info with
                {
                    CurrentVersion = next.Number,
                    LatestVersion = next.Number,
                    ApiSchema = next.ApiSchema ?? row.Info.ApiSchema,
                    UpdatedAt = next.CreatedAt,
                }
                : row.Info with { LatestVersion = next.Number };
            try
            {
                var writeStarted = Stopwatch.GetTimestamp();
                var etag = await objects.UpdateAsync(adopted, row.ETag, cancellationToken);
                served.Written(key, adopted, writeStarted);
                LogReconciled(logger, key, next.Number, adopted.CurrentVersion);
                // Stamped now, not at the version's time, so monitors past that time still see it. Once: the writer,
                // should it still be alive, or a retry of its request records the same event under the same key.
                await RecordVersionAddedAsync(key, next, next.Author, recovered: true, cancellationToken);
                row = new ObjectRow(adopted, etag);
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed())
            {
                row = await ReadAsync(key, cancellationToken) ?? row;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the object as stored and replaces its row with the ETag read. On 412 it
    /// reads again, re-checks the actor's rights and re-applies, until <see cref="ObjectWriteOptions.RetryFor"/>
    /// has passed (then 409 "try again"). <paramref name="first"/> saves the first read when the caller has one.
    /// <paramref name="applied"/> says whether a row read after a 412 already carries this very change (by a write id
    /// the change writes into the row): storage applied the write, its answer was lost, and the storage client's resend
    /// met the ETag that write had moved. That is success, answered with the row as read; nothing is decided again.
    /// </summary>
    public async Task<Outcome<ObjectInfo>> ChangeAsync(
        string key, Actor actor, Func<ObjectInfo, Outcome<ObjectInfo>> change, ObjectRow? first = null, Func<ObjectInfo, bool>? applied = null,
        CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + options.Value.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            using (await gate.EnterAsync(key, cancellationToken))
            {
                var readStarted = Stopwatch.GetTimestamp();
                var row = attempt == 0 && first is not null ? first : await ReadAsync(key, cancellationToken);
                if (attempt > 0 && row is not null && applied?.Invoke(row.Info) == true)
                {
                    // Storage's row, read just now: served from now on, as after a write whose answer came back.
                    served.Written(key, row.Info, readStarted);
                    return Outcome<ObjectInfo>.Ok(row.Info);
                }
                if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
                {
                    return refused;
                }
                var changed = change(row!.Info);
                if (changed.Value is not { } updated)
                {
                    return changed;
                }
                try
                {
                    var writeStarted = Stopwatch.GetTimestamp();
                    await objects.UpdateAsync(updated, row.ETag, cancellationToken);
                    // Replaced under its ETag: the row storage holds, served by this host from now on (a deploy switches
                    // here at once; through an outage that begins right after, this row keeps serving).
                    served.Written(key, updated, writeStarted);
                    return Outcome<ObjectInfo>.Ok(updated);
                }
                catch (RequestFailedException e) when (e.IsPreconditionFailed())
                {
                    LogSecondWriter(logger, key, attempt + 1);
                }
            }
            if (clock.GetUtcNow() > deadline)
            {
                return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, "The object was changed elsewhere at the same time; try again.");
            }
            await BackoffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>Records an audit event about the object, with its display name.</summary>
    public Task RecordAsync(string type, string key, ObjectInfo info, Actor actor, Dictionary<string, string> data)
    {
        data["name"] = info.Name;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(key), actor.UserId, data);
    }

    /// <summary>
    /// Records the <c>version.added</c> event of <paramref name="version"/> once, whoever finishes its write: the
    /// writer, a retry of the writer's request that adopts the version, a run's commit delivered again, or the host
    /// that adopts it from a writer presumed dead. Keyed by the object, the number and the version's write id.
    /// </summary>
    public Task RecordVersionAddedAsync(string key, VersionInfo version, string actorId, bool recovered = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var data = new Dictionary<string, string> { ["version"] = Text(version.Number), ["contentHash"] = version.ContentHash, ["name"] = version.ObjectName };
        if (recovered)
        {
            data["recovered"] = "true";
        }
        return audit.AppendOnceAsync($"{AuditEventTypes.VersionAdded}/{key}/{Text(version.Number)}/{version.WriteId}",
            AuditEventTypes.VersionAdded, AuditEventTypes.ObjectSubject(key), actorId, data, cancellationToken);
    }

    /// <summary>
    /// Records the <c>object.rolled_back</c> event of the rollback <paramref name="writeId"/> names once, whichever
    /// attempt finishes it: the write whose answer was lost and that found its own write, or a retry of its request.
    /// </summary>
    public Task RecordRolledBackAsync(string key, ObjectInfo info, Actor actor, int from, int to, string writeId)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(actor);
        return audit.AppendOnceAsync($"{AuditEventTypes.RolledBack}/{key}/{writeId}", AuditEventTypes.RolledBack, AuditEventTypes.ObjectSubject(key), actor.UserId,
            new Dictionary<string, string> { ["from"] = Text(from), ["to"] = Text(to), ["name"] = info.Name });
    }

    /// <summary>Records the <c>object.created</c> event once per creating write (an attempt that resumes the creation records the same).</summary>
    public Task RecordCreatedAsync(string key, ObjectInfo info, VersionInfo first, Actor actor) =>
        audit.AppendOnceAsync($"{AuditEventTypes.ObjectCreated}/{key}/{info.WriteId}", AuditEventTypes.ObjectCreated, AuditEventTypes.ObjectSubject(key), actor.UserId,
            new Dictionary<string, string> { ["version"] = Text(first.Number), ["contentHash"] = first.ContentHash, ["name"] = info.Name });

    /// <summary>A short, jittered pause after losing a race, growing with the attempts (up to ~300 ms).</summary>
    public static Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(300, 5 << Math.Min(attempt, 6));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling)), cancellationToken);
    }

    public static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Object {ObjectKey}: another writer changed the row first (attempt {Attempt}); reading it again")]
    private static partial void LogSecondWriter(ILogger logger, string objectKey, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {ObjectKey}: adopted version {Version} written before an interruption; the current version is {Current}")]
    private static partial void LogReconciled(ILogger logger, string objectKey, int version, int current);
}
