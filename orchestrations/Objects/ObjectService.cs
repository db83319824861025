using Azure;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// Durable objects and their versions: create, read, change settings, add a version, roll back, deprecate.
/// A plain singleton with no object state of its own: every call reads the object from storage, and every write is
/// guarded by storage concurrency (<see cref="ObjectRows"/>, <see cref="VersionWriter"/>), so any number of hosts
/// may serve the same object and still one writer at a time changes it. Deployment and invocation are in
/// <see cref="DeploymentService"/> and <see cref="ObjectInvoker"/>.
/// Trust model: callers pass an <see cref="Actor"/> the host has already authenticated; this service checks what
/// that actor may change (ownership, role) and validates every input itself. Object code is compiled here but only
/// ever executed in a runner process.
/// </summary>
public sealed class ObjectService(
    ObjectStore objects,
    VersionStore versions,
    ObjectRows rows,
    VersionWriter writer,
    DeploymentService deployments,
    IOptions<ObjectLimitsOptions> limits,
    TimeProvider clock)
{
    /// <summary>The object as stored now (name matched ignoring case), or null when it does not exist.</summary>
    public async Task<ObjectInfo?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        ObjectName.IsValid(name) ? (await rows.ReadReconciledAsync(ObjectName.ToKey(name), cancellationToken)).Row?.Info : null;

    /// <summary>
    /// The object as its row says now, without reconciling a version write that was interrupted (one read instead of
    /// a read and a version query): enough to know that it exists, who owns it and its status. Reads that show or use
    /// its versions take <see cref="GetAsync"/>.
    /// </summary>
    public async Task<ObjectInfo?> GetRowAsync(string name, CancellationToken cancellationToken = default) =>
        ObjectName.IsValid(name) ? (await rows.ReadAsync(ObjectName.ToKey(name), cancellationToken))?.Info : null;

    /// <summary>Creates the object with its first version (v1). Conflict if the name is taken; 422 if the code cannot compile.</summary>
    public async Task<Outcome<ObjectInfo>> CreateAsync(CreateObject command, Actor actor)
    {
        if (!actor.CanWrite)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Forbidden, "Viewers cannot create objects.");
        }
        if ((ObjectInputValidator.ValidateName(command.Name)
             ?? ObjectInputValidator.ValidateDescription(command.Description, limits.Value)
             ?? ObjectInputValidator.ValidateVersion(command.Files, command.Summary, limits.Value)) is { } invalid)
        {
            return invalid;
        }
        var key = ObjectName.ToKey(command.Name);
        var writeId = command.Operation?.Id ?? Guid.NewGuid().ToString("N");
        // A retry of this very request, whose earlier attempt created the row and answered 5xx: finished, not refused.
        var existing = (await objects.GetAsync(key))?.Info;
        var resumed = existing is not null && command.Operation is { Retried: true } && existing.WriteId == writeId ? existing : null;
        if (existing is not null && resumed is null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"An object named '{existing.Name}' already exists.");
        }
        // Compile before writing anything: code that cannot run never becomes an object.
        var compiled = await writer.CompileAsync(command.Name, command.Files);
        if (compiled.Error is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var created = resumed ?? new ObjectInfo(command.Name, command.Description ?? "", ObjectStatus.Draft, 0, 0, actor.UserId, null, now, now) { WriteId = writeId };
        if (resumed is null)
        {
            try
            {
                await objects.InsertAsync(created);
            }
            catch (RequestFailedException e) when (e.IsConflict())
            {
                // Taken by another create, unless storage applied this insert, lost its answer and the storage client
                // sent it again: the row's write id says which.
                if ((await objects.GetAsync(key))?.Info.WriteId != writeId)
                {
                    return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"An object named '{command.Name}' already exists.");
                }
            }
        }
        var first = await writer.StoreAsync(key, created, compiled.Value!, new NewVersion(command.Files, command.Summary ?? "Initial version", command.Operation), actor);
        if (first.Value is not { } stored)
        {
            return first.Error!;
        }
        // Also when an earlier attempt of this request (resumed here) got as far as its first version: its event, if
        // it recorded one, has the same key.
        await rows.RecordCreatedAsync(key, stored.Info, stored.Version, actor);
        return Outcome<ObjectInfo>.Ok(stored.Info);
    }

    /// <summary>Changes the description or the public-invoke setting; null fields stay as they are.</summary>
    public async Task<Outcome<ObjectInfo>> UpdateAsync(string name, ObjectUpdate update, Actor actor)
    {
        if (!ObjectName.IsValid(name))
        {
            return NoSuchObject(name);
        }
        var key = ObjectName.ToKey(name);
        var outcome = await rows.ChangeAsync(key, actor, info =>
            ObjectInputValidator.ValidateDescription(update.Description, limits.Value) is { } invalid
                ? invalid
                : Outcome<ObjectInfo>.Ok(info with
                {
                    Description = update.Description ?? info.Description,
                    PublicInvoke = update.PublicInvoke ?? info.PublicInvoke,
                    UpdatedAt = clock.GetUtcNow(),
                }));
        if (outcome.Value is { } updated)
        {
            var fields = new[] { update.Description is null ? null : "description", update.PublicInvoke is null ? null : "publicInvoke" };
            await rows.RecordAsync(AuditEventTypes.ObjectUpdated, key, updated, actor, new() { ["fields"] = string.Join(",", fields.OfType<string>()) });
        }
        return outcome;
    }

    /// <summary>
    /// Compiles, then stores a new immutable version numbered one past the newest stored, and makes it current. With a
    /// <see cref="NewVersion.BaseVersion"/>, only while that is still the version a new one follows: otherwise a
    /// conflict naming both versions, and nothing is stored (see <see cref="VersionBasis"/>).
    /// </summary>
    public async Task<Outcome<VersionInfo>> AddVersionAsync(string name, NewVersion version, Actor actor)
    {
        if (!ObjectName.IsValid(name))
        {
            return NoSuchObject(name);
        }
        var key = ObjectName.ToKey(name);
        // The row alone: the writer reads it again, reconciled, in its turn at the object and checks the actor there too.
        var row = await rows.ReadAsync(key);
        if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
        {
            return refused;
        }
        if (ObjectInputValidator.ValidateVersion(version.Files, version.Summary, limits.Value) is { } invalid)
        {
            return invalid;
        }
        var compiled = await writer.CompileAsync(row!.Info.Name, version.Files);
        if (compiled.Error is { } broken)
        {
            return broken;
        }
        var stored = await writer.StoreAsync(key, row.Info, compiled.Value!, version, actor);
        if (stored.Value is not { } done)
        {
            return stored.Error!;
        }
        // Also when the version was adopted (an earlier attempt of this request stored it, or another host pointed at
        // it): whoever recorded its event first did so under the same key, and one that died before it is made good.
        await rows.RecordVersionAddedAsync(key, done.Version, actor.UserId);
        return Outcome<VersionInfo>.Ok(done.Version);
    }

    /// <summary>
    /// Records the <c>version.added</c> event of a version that a write stored but may not have recorded (a run's
    /// commit delivered again adopts the version its first delivery stored): once, like every such event.
    /// </summary>
    public Task RecordVersionAddedAsync(VersionInfo version, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(actor);
        return rows.RecordVersionAddedAsync(ObjectName.ToKey(version.ObjectName), version, actor.UserId);
    }

    /// <summary>
    /// Makes an earlier version current again (later versions are kept). Where the object is deployed, the earlier
    /// version is deployed to those environments first, switched in the same row write as the current version; if
    /// that fails, nothing changes.
    /// </summary>
    /// <remarks>
    /// A rollback is decided from the current version it read, and written only while that is still the current
    /// version (the row is replaced under its ETag; a 412 reads it again and decides again). A version committed or a
    /// rollback made elsewhere in between wins: this rollback answers 409 and changes nothing, rather than silently
    /// undoing a version its caller never saw. Symmetrically, a version whose pointing loses to a rollback is kept
    /// but not made current (<see cref="VersionWriter"/>). The first write to reach the row wins; the other is told.
    /// <para>
    /// The row write carries the rollback's write id (<paramref name="operation"/>'s id for a keyed request, else one of
    /// this request's own) and the version it rolled back from. A write storage applied but whose answer was lost meets
    /// its own ETag change when the storage client sends it again (412): the row read again carries this write id, so
    /// the rollback is answered as done, not as a conflict with itself. A retry of a keyed request whose earlier
    /// attempt rolled back finds the same. Its <c>object.rolled_back</c> event is recorded once, by whichever gets there.
    /// </para>
    /// </remarks>
    public async Task<Outcome<ObjectInfo>> RollbackAsync(string name, int version, Actor actor, RequestOperation? operation = null)
    {
        if (!ObjectName.IsValid(name))
        {
            return NoSuchObject(name);
        }
        var key = ObjectName.ToKey(name);
        var row = await rows.ReadAsync(key);
        if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
        {
            return refused;
        }
        var current = row!.Info;
        var writeId = operation?.Id ?? Guid.NewGuid().ToString("N");
        if (current.RollbackWriteId == writeId)
        {
            // An earlier attempt of this request rolled back (and answered 5xx): done, its events made good if missing
            // (the deploy event of the environments it switched first, as the first attempt records them).
            await deployments.RecordRolledBackDeployAsync(key, current, version, actor, writeId);
            await rows.RecordRolledBackAsync(key, current, actor, current.RolledBackFrom ?? 0, version, writeId);
            return Outcome<ObjectInfo>.Ok(current);
        }
        if (version == current.CurrentVersion)
        {
            return AlreadyCurrent(version);
        }
        var target = version >= 1 && version <= current.LatestVersion ? await versions.GetAsync(key, version) : null;
        if (target is null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.NotFound, $"Object '{current.Name}' has no version {version}.");
        }
        var from = current.CurrentVersion;
        var outcome = await deployments.RedeployEverywhereAsync(key, current, target, actor, info =>
            info.CurrentVersion == version ? AlreadyCurrent(version)
            : info.CurrentVersion != from ? Outcome<ObjectInfo>.Fail(ErrorKind.Conflict,
                $"Version {info.CurrentVersion} became the current version while this rollback from version {from} was made; nothing was rolled back. " +
                $"Roll back again if version {version} should still be current.")
            : Outcome<ObjectInfo>.Ok(info with
            {
                CurrentVersion = version,
                ApiSchema = target.ApiSchema,
                UpdatedAt = clock.GetUtcNow(),
                RollbackWriteId = writeId,
                RolledBackFrom = from,
            }), applied: info => info.RollbackWriteId == writeId, writeId);
        if (outcome.Value is { } rolledBack)
        {
            await rows.RecordRolledBackAsync(key, rolledBack, actor, from, version, writeId);
        }
        return outcome;
    }

    /// <summary>Marks the object deprecated: it keeps serving, but no longer changes.</summary>
    public async Task<Outcome<ObjectInfo>> DeprecateAsync(string name, Actor actor)
    {
        if (!ObjectName.IsValid(name))
        {
            return NoSuchObject(name);
        }
        var key = ObjectName.ToKey(name);
        var outcome = await rows.ChangeAsync(key, actor, info => Outcome<ObjectInfo>.Ok(info with { Status = ObjectStatus.Deprecated, UpdatedAt = clock.GetUtcNow() }));
        if (outcome.Value is { } deprecated)
        {
            await rows.RecordAsync(AuditEventTypes.ObjectDeprecated, key, deprecated, actor, []);
        }
        return outcome;
    }

    private static OperationError NoSuchObject(string name) => new(ErrorKind.NotFound, $"No object named '{name}'.");

    private static Outcome<ObjectInfo> AlreadyCurrent(int version) =>
        Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"Version {version} is already the current version.");
}
