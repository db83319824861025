using System.Diagnostics;
using Azure;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// Stores new versions with storage concurrency, in the order that makes a crash harmless: the files (blobs,
/// content-addressed), then the version row (insert-only), then the object row (replaced only with its ETag).
/// <list type="bullet">
/// <item>Numbering: the next number is one past the newest stored (the version rows, not any memory of them), so a
/// host never numbers past what storage holds. A 409 on the insert means another writer took that number: read
/// again and take the next. Twenty concurrent submissions become twenty consecutive versions.</item>
/// <item>Pointing: versions are pointed at in number order. A writer whose predecessor is still between its two
/// writes waits for it (milliseconds), so every writer records its own <c>version.added</c> event and the object
/// ends at the newest version; a predecessor that died is adopted by <see cref="ObjectRows.AdoptStaleAsync"/>
/// once it is older than <see cref="ObjectWriteOptions.AdoptAfter"/>.</item>
/// <item>Racing a rollback: the object row is replaced only under the ETag read, and after a 412 the writer reads it
/// again and decides again. A rollback committed by another host in between stands: the version is kept but not
/// made current, and its writer gets a conflict (see <see cref="VersionBasis.Overtaken"/>). Whichever of the two
/// writes reaches the row first wins; the other is told, never silently undone. A version adopted from a writer
/// presumed dead follows the same rule (<see cref="ObjectRows.AdoptStaleAsync"/>), and a writer that finds its version
/// listed but not current, by then, is told so too (<see cref="VersionBasis.NotCurrentAsync"/>).</item>
/// </list>
/// </summary>
public sealed partial class VersionWriter(
    ObjectStore objects,
    VersionStore versions,
    ObjectRows rows,
    ArtifactCache artifacts,
    DeploymentCache served,
    ObjectWriteGate gate,
    IOptions<ObjectWriteOptions> options,
    TimeProvider clock,
    ILogger<VersionWriter> logger)
{
    /// <summary>Compiles (or finds the cached artifact of) the files; code that cannot run is refused with 422.</summary>
    public async Task<Outcome<CompiledArtifact>> CompileAsync(string name, IReadOnlyDictionary<string, string> files)
    {
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(files));
        var artifact = await artifacts.CompileAsync(name, hash, files);
        return artifact.Success
            ? Outcome<CompiledArtifact>.Ok(artifact)
            : Outcome<CompiledArtifact>.Fail(ErrorKind.Unprocessable, "The code does not compile or breaks the sandbox policy.",
                new Dictionary<string, string[]> { ["diagnostics"] = [.. artifact.Errors] });
    }

    /// <summary>
    /// Stores <paramref name="version"/> (already compiled) as the next version of the object
    /// <paramref name="basis"/> names, then points the object at it. Nothing of <paramref name="basis"/> but the name
    /// is trusted: the number comes from storage, read again in this host's turn at the object, and
    /// <paramref name="actor"/>'s rights are re-checked against the row read then. So is the version's
    /// <see cref="NewVersion.BaseVersion"/>, when it has one: checked in the same turn as the insert, so no other
    /// version of this host can slip in between, and another host's insert of the same number fails the insert (409)
    /// and the next turn refuses it.
    /// </summary>
    public async Task<Outcome<StoredVersion>> StoreAsync(string key, ObjectInfo basis, CompiledArtifact compiled, NewVersion version, Actor actor)
    {
        var deadline = clock.GetUtcNow() + options.Value.RetryFor;
        var refs = SourceFiles.ToRefs(version.Files);
        var stableId = version.WriteId ?? version.Operation?.Id;
        var writeId = stableId ?? Guid.NewGuid().ToString("N");
        var draft = Draft(basis.Name, 0, null, compiled, refs, version, actor, writeId);
        await versions.PutFilesAsync(draft, version.Files);
        VersionInfo? inserted = null;
        for (var attempt = 0; ; attempt++)
        {
            using (await gate.EnterAsync(key))
            {
                var (row, latestStored) = await rows.ReadReconciledAsync(key);
                if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
                {
                    return refused;
                }
                // A retry of a request whose earlier attempt answered 5xx: storage may have applied that attempt's
                // version. Adopted, not added again (looked for in every turn: a late insert of the earlier attempt can
                // land while this one waits).
                var retried = version.Operation is { Retried: true };
                var earlier = retried ? await versions.FindByWriteIdAsync(key, writeId) : null;
                if (earlier is null && version.BaseVersion is { } made && VersionBasis.Check(row!.Info, latestStored, made) is { } moved)
                {
                    // What moved the object may be this write's own version, stored by an earlier attempt whose end
                    // was not seen (a late insert, a run's commit delivered again): adopted, not refused.
                    earlier = stableId is not null && !retried ? await versions.FindByWriteIdAsync(key, writeId) : null;
                    if (earlier is null)
                    {
                        LogBasisMoved(logger, key, made, VersionBasis.Follows(row.Info, latestStored));
                        return moved;
                    }
                }
                if (earlier is not null)
                {
                    if (row!.Info.LatestVersion >= earlier.Number)
                    {
                        return await AdoptedAsync(key, earlier, row.Info, actor);
                    }
                    // Stored but not pointed at yet: pointed at now, like this attempt's own.
                    inserted = earlier;
                }
                else if (await InsertNextAsync(key, row!, latestStored, compiled, refs, version, actor, writeId) is { } info)
                {
                    // Usually the row points at the version before: point it at this one in the same turn.
                    if (row!.Info.LatestVersion == info.Number - 1 && await TryPointAsync(key, row, info, actor) is { } pointed)
                    {
                        return pointed;
                    }
                    inserted = info;
                }
            }
            if (inserted is not null)
            {
                // Out of the turn: the version before is another host's, still being written, or lost with its host.
                return await PointAtAsync(key, inserted, actor, deadline + options.Value.AdoptAfter);
            }
            if (clock.GetUtcNow() > deadline)
            {
                return Outcome<StoredVersion>.Fail(ErrorKind.Conflict, "Other writers kept adding versions at the same time; try again.");
            }
            await ObjectRows.BackoffAsync(attempt, default);
        }
    }

    /// <summary>
    /// Inserts the version numbered one past the newest stored; null when another writer took that number first.
    /// A 409 is either that, or storage applied this insert but its answer was lost and the storage client sent it
    /// again: the row's write id says which.
    /// </summary>
    private async Task<VersionInfo?> InsertNextAsync(string key, ObjectRow row, int latestStored, CompiledArtifact compiled,
        IReadOnlyList<SourceFileRef> refs, NewVersion version, Actor actor, string writeId)
    {
        var number = Math.Max(row.Info.LatestVersion, latestStored) + 1;
        var info = Draft(row.Info.Name, number, ParentOf(row.Info, number), compiled, refs, version, actor, writeId);
        try
        {
            await versions.InsertRowAsync(key, info);
            return info;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            if ((await versions.GetAsync(key, number))?.WriteId == writeId)
            {
                return info;
            }
            LogNumberTaken(logger, key, number);
            return null;
        }
    }

    private VersionInfo Draft(string name, int number, int? parent, CompiledArtifact compiled, IReadOnlyList<SourceFileRef> refs, NewVersion version, Actor actor,
        string writeId) =>
        new(name, number, version.Summary ?? "", actor.UserId, parent, compiled.ContentHash, refs, compiled.ApiSchemaJson, clock.GetUtcNow(), writeId);

    /// <summary>
    /// Points the object row at <paramref name="info"/> once it points at the version before it. Another writer's
    /// version in between is waited for, or adopted when its writer is presumed dead.
    /// </summary>
    private async Task<Outcome<StoredVersion>> PointAtAsync(string key, VersionInfo info, Actor actor, DateTimeOffset deadline)
    {
        for (var attempt = 0; ; attempt++)
        {
            ObjectRow row;
            using (await gate.EnterAsync(key))
            {
                row = await rows.ReadAsync(key)
                    ?? throw new InvalidOperationException($"Object '{key}' has a version row but no object row.");
                if (row.Info.LatestVersion >= info.Number)
                {
                    return await AdoptedAsync(key, info, row.Info, actor);
                }
                if (row.Info.LatestVersion == info.Number - 1 && await TryPointAsync(key, row, info, actor) is { } pointed)
                {
                    return pointed;
                }
            }
            // Lost a race to another host, or a version before this one is still being written (or was left by a
            // writer that died: adopted once stale).
            if (row.Info.LatestVersion < info.Number - 1
                && (await rows.AdoptStaleAsync(key, row)).Info.LatestVersion != row.Info.LatestVersion)
            {
                continue;
            }
            if (clock.GetUtcNow() > deadline)
            {
                return Outcome<StoredVersion>.Fail(ErrorKind.Conflict,
                    $"Version {info.Number} is stored, but the versions before it are still being written; it becomes current once they are.");
            }
            await ObjectRows.BackoffAsync(attempt, default);
        }
    }

    /// <summary>
    /// One replace of the row read, under its ETag; null when another writer changed the row first (412: the caller
    /// reads it again and decides again, here). The version becomes current only while the row's current version is
    /// still the one it was made from (its parent). Otherwise a rollback was committed between this writer's read and
    /// this write, on another host: the rollback stands. The version is kept as the latest (insert-only: its row
    /// cannot be taken back, and left unpointed it would be adopted as current later), exactly as if it had been added
    /// just before the rollback, and the writer is answered with a conflict, so a run stops before deploying it.
    /// </summary>
    private async Task<Outcome<StoredVersion>?> TryPointAsync(string key, ObjectRow row, VersionInfo info, Actor actor)
    {
        var follows = (info.ParentVersion ?? 0) == row.Info.CurrentVersion;
        var updated = follows
            ? row.Info with
            {
                CurrentVersion = info.Number,
                LatestVersion = info.Number,
                ApiSchema = info.ApiSchema,
                UpdatedAt = info.CreatedAt,
            }
            : row.Info with { LatestVersion = info.Number };
        try
        {
            var writeStarted = Stopwatch.GetTimestamp();
            await objects.UpdateAsync(updated, row.ETag);
            // Replaced under its ETag: this is the row storage holds, and what this host serves from now on — through
            // an outage that begins right after, too (its deployments are unchanged).
            served.Written(key, updated, writeStarted);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return null;
        }
        if (follows)
        {
            return Outcome<StoredVersion>.Ok(new StoredVersion(info, updated, AdoptedElsewhere: false));
        }
        // Stored and listed, so recorded like every version added; its writer is told it is not current.
        await rows.RecordVersionAddedAsync(key, info, actor.UserId);
        LogOvertaken(logger, key, info.Number, row.Info.CurrentVersion);
        return VersionBasis.Overtaken(row.Info.CurrentVersion, info.ParentVersion ?? 0, info.Number);
    }

    /// <summary>
    /// The answer for this write's version when the object already lists it (an earlier attempt pointed at it, or
    /// another host adopted it): done, unless it is not current — a rollback came before its pointing, or was made from
    /// it since. Then it is recorded like every version added, and its writer gets the conflict.
    /// </summary>
    private async Task<Outcome<StoredVersion>> AdoptedAsync(string key, VersionInfo version, ObjectInfo info, Actor actor)
    {
        if (await VersionBasis.NotCurrentAsync(info, version, number => versions.GetAsync(key, number)) is not { } notCurrent)
        {
            return Outcome<StoredVersion>.Ok(new StoredVersion(version, info, AdoptedElsewhere: true));
        }
        await rows.RecordVersionAddedAsync(key, version, actor.UserId);
        LogOvertaken(logger, key, version.Number, info.CurrentVersion);
        return notCurrent;
    }

    /// <summary>
    /// The version a new one is based on: the one just before it when that one is still being pointed at by its
    /// writer (it will be current by then), otherwise the object's current version; none for the first.
    /// </summary>
    private static int? ParentOf(ObjectInfo info, int number) =>
        number - 1 > info.LatestVersion ? number - 1 : info.CurrentVersion == 0 ? null : info.CurrentVersion;

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {ObjectKey}: a change made from version {BaseVersion} was refused; the next version would follow version {Follows}")]
    private static partial void LogBasisMoved(ILogger logger, string objectKey, int baseVersion, int follows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {ObjectKey}: version {Version} is kept but not current; version {Current} was made current while it was stored")]
    private static partial void LogOvertaken(ILogger logger, string objectKey, int version, int current);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Object {ObjectKey}: version {Version} was taken by another writer; taking the next")]
    private static partial void LogNumberTaken(ILogger logger, string objectKey, int version);
}
