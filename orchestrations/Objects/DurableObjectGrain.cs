using Azure;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// The durable object grain. Write order for a version: blobs (content-addressed), then the version row
/// (insert-only), then the object row (ETag-guarded). A crash between the last two leaves a version the object
/// row does not point at yet; activation finds it (<see cref="ReconcileAsync"/>) and completes the write,
/// so nothing is lost and no number is used twice.
/// </summary>
public sealed partial class DurableObjectGrain(
    ObjectStore objects,
    VersionStore versions,
    AuditLog audit,
    IOptions<ObjectLimitsOptions> limits,
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

    public Task<ObjectInfo?> GetAsync() => Task.FromResult(_object);

    public async Task<Outcome<ObjectInfo>> CreateAsync(CreateObject command, Actor actor)
    {
        if (!actor.CanWrite)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Forbidden, "Viewers cannot create objects.");
        }
        if ((ObjectInputValidator.ValidateName(command.Name)
             ?? ObjectInputValidator.ValidateDescription(command.Description, limits.Value)
             ?? ObjectInputValidator.ValidateVersion(command.Files, command.Summary, command.ApiSchema, limits.Value)) is { } invalid)
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
        var first = await StoreVersionAsync(new NewVersion(command.Files, command.Summary ?? "Initial version", command.ApiSchema), actor);
        if (first.Error is { } error)
        {
            return error;
        }
        await audit.AppendAsync(AuditEventTypes.ObjectCreated, AuditEventTypes.ObjectSubject(Key), actor.UserId, new Dictionary<string, string>
        {
            ["name"] = command.Name,
            ["version"] = "1",
        });
        return Outcome<ObjectInfo>.Ok(_object);
    }

    public async Task<Outcome<ObjectInfo>> UpdateDescriptionAsync(string description, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        if (ObjectInputValidator.ValidateDescription(description, limits.Value) is { } invalid)
        {
            return invalid;
        }
        var outcome = await SaveAsync(_object! with { Description = description ?? "" });
        if (outcome.Succeeded)
        {
            await AppendObjectEventAsync(AuditEventTypes.ObjectUpdated, actor, new() { ["field"] = "description" });
        }
        return outcome;
    }

    public async Task<Outcome<VersionInfo>> AddVersionAsync(NewVersion version, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        if (ObjectInputValidator.ValidateVersion(version.Files, version.Summary, version.ApiSchema, limits.Value) is { } invalid)
        {
            return invalid;
        }
        var stored = await StoreVersionAsync(version, actor);
        if (stored.Value is { } info)
        {
            await AppendObjectEventAsync(AuditEventTypes.VersionAdded, actor, new() { ["version"] = info.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
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
        var outcome = await SaveAsync(current with { CurrentVersion = version, ApiSchema = target.ApiSchema, UpdatedAt = clock.GetUtcNow() });
        if (outcome.Succeeded)
        {
            await AppendObjectEventAsync(AuditEventTypes.RolledBack, actor, new()
            {
                ["from"] = current.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
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

    private async Task<Outcome<VersionInfo>> StoreVersionAsync(NewVersion version, Actor actor)
    {
        var current = _object!;
        var refs = SourceFiles.ToRefs(version.Files);
        var info = new VersionInfo(
            current.Name,
            current.LatestVersion + 1,
            version.Summary ?? "",
            actor.UserId,
            current.CurrentVersion == 0 ? null : current.CurrentVersion,
            SourceFiles.HashVersion(refs),
            refs,
            version.ApiSchema,
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
            ApiSchema = version.ApiSchema ?? current.ApiSchema,
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
        }
    }

    private Task AppendObjectEventAsync(string type, Actor actor, Dictionary<string, string> data)
    {
        data["name"] = _object!.Name;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(Key), actor.UserId, data);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Object {ObjectKey}: a second writer raced for version {Version}; reloaded")]
    private static partial void LogSecondWriter(ILogger logger, string objectKey, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Object {ObjectKey}: adopted version {Version} written before an interruption")]
    private static partial void LogReconciled(ILogger logger, string objectKey, int version);
}
