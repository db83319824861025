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
/// The durable object grain: versions and settings here, deployment and invocation in DurableObjectGrain.Serving.cs.
/// Write order for a version: blobs (content-addressed), then the version row (insert-only), then the object row
/// (ETag-guarded). A crash between the last two leaves a version the object row does not point at yet; activation
/// finds it (<see cref="ReconcileAsync"/>) and completes the write, so nothing is lost and no number is used twice.
/// </summary>
public sealed partial class DurableObjectGrain(
    ObjectStore objects,
    VersionStore versions,
    AuditLog audit,
    ArtifactCache artifacts,
    Deployer deployer,
    ServingRunners serving,
    IOptions<ObjectLimitsOptions> limits,
    IOptions<EnvironmentOptions> environments,
    TimeProvider clock,
    ILogger<DurableObjectGrain> logger) : Grain, IDurableObjectGrain
{
    private ObjectInfo? _object;
    private ETag _etag;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await ReconcileAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => serving.ReleaseAllAsync();

    public Task<ObjectInfo?> GetAsync() => Task.FromResult(_object);

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
        if (ObjectName.ToKey(command.Name) != Key)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Invalid, "The object name does not match the grain key.");
        }
        if (_object is not null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"An object named '{_object.Name}' already exists.");
        }
        // Compile before writing anything: code that cannot run never becomes an object.
        if (await CompileAsync(command.Name, command.Files) is { Error: { } refused })
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var created = new ObjectInfo(command.Name, command.Description ?? "", ObjectStatus.Draft, 0, 0, actor.UserId, null, now, now);
        try
        {
            _etag = await objects.InsertAsync(created);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            await LoadAsync(default);
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"An object named '{command.Name}' already exists.");
        }
        _object = created;
        var first = await StoreVersionAsync(new NewVersion(command.Files, command.Summary ?? "Initial version"), actor);
        if (first.Error is { } error)
        {
            return error;
        }
        await AppendObjectEventAsync(AuditEventTypes.ObjectCreated, actor, new() { ["version"] = "1" });
        return Outcome<ObjectInfo>.Ok(_object);
    }

    public async Task<Outcome<ObjectInfo>> UpdateAsync(ObjectUpdate update, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        if (ObjectInputValidator.ValidateDescription(update.Description, limits.Value) is { } invalid)
        {
            return invalid;
        }
        var outcome = await SaveAsync(_object! with
        {
            Description = update.Description ?? _object.Description,
            PublicInvoke = update.PublicInvoke ?? _object.PublicInvoke,
            UpdatedAt = clock.GetUtcNow(),
        });
        if (outcome.Succeeded)
        {
            var fields = new[] { update.Description is null ? null : "description", update.PublicInvoke is null ? null : "publicInvoke" };
            await AppendObjectEventAsync(AuditEventTypes.ObjectUpdated, actor, new() { ["fields"] = string.Join(",", fields.OfType<string>()) });
        }
        return outcome;
    }

    public async Task<Outcome<VersionInfo>> AddVersionAsync(NewVersion version, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        if (ObjectInputValidator.ValidateVersion(version.Files, version.Summary, limits.Value) is { } invalid)
        {
            return invalid;
        }
        var stored = await StoreVersionAsync(version, actor);
        if (stored.Value is { } info)
        {
            await AppendObjectEventAsync(AuditEventTypes.VersionAdded, actor, new() { ["version"] = Text(info.Number) });
        }
        return stored;
    }

    public async Task<Outcome<ObjectInfo>> RollbackAsync(int version, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        var current = _object!;
        if (version == current.CurrentVersion)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"Version {version} is already the current version.");
        }
        var target = version >= 1 && version <= current.LatestVersion ? await versions.GetAsync(Key, version) : null;
        if (target is null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.NotFound, $"Object '{current.Name}' has no version {version}.");
        }
        var redeployed = await RedeployEverywhereAsync(target, actor);
        if (redeployed.Error is { } failed)
        {
            return failed;
        }
        var outcome = await SaveAsync(redeployed.Value! with { CurrentVersion = version, ApiSchema = target.ApiSchema, UpdatedAt = clock.GetUtcNow() });
        if (outcome.Succeeded)
        {
            await AppendObjectEventAsync(AuditEventTypes.RolledBack, actor, new() { ["from"] = Text(current.CurrentVersion), ["to"] = Text(version) });
        }
        return outcome;
    }

    public async Task<Outcome<ObjectInfo>> DeprecateAsync(Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        var outcome = await SaveAsync(_object! with { Status = ObjectStatus.Deprecated, UpdatedAt = clock.GetUtcNow() });
        if (outcome.Succeeded)
        {
            await AppendObjectEventAsync(AuditEventTypes.ObjectDeprecated, actor, []);
        }
        return outcome;
    }

    /// <summary>Refuses changes to a missing or deprecated object, or by an actor who may not change it.</summary>
    private OperationError? CheckWritable(Actor actor)
    {
        if (_object is null)
        {
            return new OperationError(ErrorKind.NotFound, $"No object named '{Key}'.");
        }
        if (!actor.MayChange(_object.Owner))
        {
            return new OperationError(ErrorKind.Forbidden, actor.CanWrite
                ? $"Only the owner of '{_object.Name}' or an admin may change it."
                : "Viewers cannot change objects.");
        }
        return _object.Status == ObjectStatus.Deprecated
            ? new OperationError(ErrorKind.Conflict, $"Object '{_object.Name}' is deprecated and can no longer change.")
            : null;
    }

    private async Task<Outcome<CompiledArtifact>> CompileAsync(string name, IReadOnlyDictionary<string, string> files)
    {
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(files));
        var artifact = await artifacts.CompileAsync(name, hash, files);
        return artifact.Success
            ? Outcome<CompiledArtifact>.Ok(artifact)
            : Outcome<CompiledArtifact>.Fail(ErrorKind.Unprocessable, "The code does not compile or breaks the sandbox policy.",
                new Dictionary<string, string[]> { ["diagnostics"] = [.. artifact.Errors] });
    }

    private async Task<Outcome<VersionInfo>> StoreVersionAsync(NewVersion version, Actor actor)
    {
        var current = _object!;
        var compiled = await CompileAsync(current.Name, version.Files);
        if (compiled.Error is { } refused)
        {
            return refused;
        }
        var refs = SourceFiles.ToRefs(version.Files);
        var info = new VersionInfo(
            current.Name,
            current.LatestVersion + 1,
            version.Summary ?? "",
            actor.UserId,
            current.CurrentVersion == 0 ? null : current.CurrentVersion,
            compiled.Value!.ContentHash,
            refs,
            compiled.Value.ApiSchemaJson,
            clock.GetUtcNow());
        try
        {
            await versions.InsertAsync(Key, info, version.Files);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            LogSecondWriter(logger, Key, info.Number);
            await LoadAsync(default);
            await ReconcileAsync(default);
            return Outcome<VersionInfo>.Fail(ErrorKind.Conflict, "Another writer added a version at the same time; try again.");
        }
        var saved = await SaveAsync(current with
        {
            CurrentVersion = info.Number,
            LatestVersion = info.Number,
            ApiSchema = info.ApiSchema,
            UpdatedAt = info.CreatedAt,
        });
        return saved.Error is { } error ? error : Outcome<VersionInfo>.Ok(info);
    }

    /// <summary>Writes the object row with the ETag last read; on 412 reloads and reports the conflict.</summary>
    private async Task<Outcome<ObjectInfo>> SaveAsync(ObjectInfo updated)
    {
        try
        {
            _etag = await objects.UpdateAsync(updated, _etag);
            _object = updated;
            return Outcome<ObjectInfo>.Ok(updated);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            LogSecondWriter(logger, Key, updated.LatestVersion);
            await LoadAsync(default);
            await ReconcileAsync(default);
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, "The object was changed elsewhere at the same time; try again.");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var row = await objects.GetAsync(Key, cancellationToken);
        (_object, _etag) = row is { } r ? (r.Info, r.ETag) : (null, default);
    }

    /// <summary>Adopts a version row that was written before a crash kept the object row from pointing at it.</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (_object is null)
        {
            return;
        }
        var latest = await versions.GetLatestAsync(Key, cancellationToken);
        if (latest is not null && latest.Number > _object.LatestVersion)
        {
            LogReconciled(logger, Key, latest.Number);
            var updated = _object with
            {
                CurrentVersion = latest.Number,
                LatestVersion = latest.Number,
                ApiSchema = latest.ApiSchema ?? _object.ApiSchema,
                UpdatedAt = latest.CreatedAt,
            };
            _etag = await objects.UpdateAsync(updated, _etag, cancellationToken);
            _object = updated;
            // The interruption came before the event was recorded (it follows the object row). Record it now, stamped
            // now so monitors past the version's own time still see it; the ETag-guarded write above lets only one
            // activation adopt, so it is recorded once.
            await audit.AppendAsync(AuditEventTypes.VersionAdded, AuditEventTypes.ObjectSubject(Key), latest.Author,
                new Dictionary<string, string> { ["version"] = Text(latest.Number), ["name"] = updated.Name, ["recovered"] = "true" }, cancellationToken);
        }
    }

    private Task AppendObjectEventAsync(string type, Actor actor, Dictionary<string, string> data)
    {
        data["name"] = _object!.Name;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(Key), actor.UserId, data);
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Object {ObjectKey}: a second writer raced for version {Version}; reloaded")]
    private static partial void LogSecondWriter(ILogger logger, string objectKey, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {ObjectKey}: adopted version {Version} written before an interruption")]
    private static partial void LogReconciled(ILogger logger, string objectKey, int version);
}
