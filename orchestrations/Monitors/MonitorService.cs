using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Monitors;

/// <inheritdoc cref="IMonitorService"/>
public sealed partial class MonitorService(
    MonitorStore store,
    UserStore users,
    AuditLog audit,
    IOptions<MonitorOptions> options,
    TimeProvider clock,
    ILogger<MonitorService> logger) : IMonitorService
{
    public async Task<Outcome<MonitorInfo>> CreateAsync(MonitorDefinition definition, Actor actor, RequestOperation? operation = null,
        CancellationToken cancellationToken = default)
    {
        var owner = await users.GetAsync(actor.UserId, cancellationToken);
        if (owner is null)
        {
            return Outcome<MonitorInfo>.Fail(ErrorKind.NotFound, "Your user no longer exists.");
        }
        var writeId = operation?.Id ?? Guid.NewGuid().ToString("N");
        var id = "m" + writeId[..12];
        if (operation is { Retried: true } && await store.GetAsync(id, cancellationToken) is { } earlier && earlier.WriteId == writeId)
        {
            // Created by an earlier attempt of this request, which answered 5xx: its monitor, not a second one. Its
            // event too, which that attempt may have failed to record (recorded once, so never twice).
            await AuditCreatedAsync(earlier, actor, cancellationToken);
            return Outcome<MonitorInfo>.Ok(earlier.ToInfo());
        }
        var now = clock.GetUtcNow();
        var valid = MonitorValidator.Validate(definition, owner, options.Value, now);
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }
        if ((await store.ListAsync(owner.Id, cancellationToken: cancellationToken)).Count >= options.Value.MaxPerOwner)
        {
            return Outcome<MonitorInfo>.Fail(ErrorKind.Conflict, $"You have {options.Value.MaxPerOwner} monitors already; delete one first.");
        }
        var entity = new MonitorEntity
        {
            RowKey = id,
            Owner = owner.Id,
            CreatedAt = now,
            UpdatedAt = now,
            Watermark = EventKeys.Bound(now),
            WriteId = writeId,
        };
        entity.Apply(valid.Value!);
        // A 409 from this write's own insert (applied, its answer lost, sent again by the storage client) is a success.
        if (!await store.AddAsync(entity, cancellationToken) && (await store.GetAsync(id, cancellationToken))?.WriteId != writeId)
        {
            return Outcome<MonitorInfo>.Fail(ErrorKind.Conflict, "Monitor id collision; try again.");
        }
        await AuditCreatedAsync(entity, actor, cancellationToken);
        LogCreated(logger, entity.RowKey, entity.Owner, entity.EventType, entity.Channel);
        return Outcome<MonitorInfo>.Ok(entity.ToInfo());
    }

    public async Task<IReadOnlyList<MonitorInfo>> ListAsync(Actor actor, string? owner = null, CancellationToken cancellationToken = default)
    {
        var rows = await store.ListAsync(actor.IsAdmin ? owner : actor.UserId, cancellationToken: cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).Select(r => r.ToInfo()).ToList();
    }

    public async Task<Outcome<MonitorInfo>> GetAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        var row = await FindAsync(id, actor, cancellationToken);
        return row is null ? NotFound(id) : Outcome<MonitorInfo>.Ok(row.ToInfo());
    }

    public async Task<Outcome<MonitorInfo>> UpdateAsync(string id, MonitorDefinition changes, Actor actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await FindAsync(id, actor, cancellationToken);
            if (row is null)
            {
                return NotFound(id);
            }
            var owner = await users.GetAsync(row.Owner, cancellationToken);
            if (owner is null)
            {
                return Outcome<MonitorInfo>.Fail(ErrorKind.Gone, "The monitor's owner no longer exists.");
            }
            var now = clock.GetUtcNow();
            var valid = MonitorValidator.Validate(row.Merge(changes), owner, options.Value, now);
            if (!valid.Succeeded)
            {
                return valid.Error!;
            }
            var wasEnabled = row.Enabled;
            row.Apply(valid.Value!);
            row.UpdatedAt = now;
            if (row.Enabled && !wasEnabled)
            {
                row.Watermark = EventKeys.Bound(now);
            }
            if (await store.TryReplaceAsync(row, cancellationToken))
            {
                await AuditAsync(MonitorEventTypes.Updated, row, actor, cancellationToken);
                return Outcome<MonitorInfo>.Ok(row.ToInfo());
            }
            // The scheduler (or another request) wrote the row meanwhile: read it again and reapply.
        }
        return Outcome<MonitorInfo>.Fail(ErrorKind.Conflict, "The monitor kept changing; try again.");
    }

    public Task<Outcome<MonitorInfo>> SetEnabledAsync(string id, bool enabled, Actor actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(id, new MonitorDefinition { Enabled = enabled }, actor, cancellationToken);

    public async Task<Outcome<MonitorInfo>> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await FindAsync(id, actor, cancellationToken);
            if (row is null)
            {
                return NotFound(id);
            }
            if (await store.TryDeleteAsync(row, cancellationToken))
            {
                await AuditAsync(MonitorEventTypes.Deleted, row, actor, cancellationToken);
                return Outcome<MonitorInfo>.Ok(row.ToInfo());
            }
        }
        return Outcome<MonitorInfo>.Fail(ErrorKind.Conflict, "The monitor kept changing; try again.");
    }

    /// <summary>The monitor if the actor may see it; null for a missing id and for someone else's monitor alike.</summary>
    private async Task<MonitorEntity?> FindAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }
        var row = await store.GetAsync(id, cancellationToken);
        return row is not null && (actor.IsAdmin || row.Owner == actor.UserId) ? row : null;
    }

    private Task AuditAsync(string type, MonitorEntity row, Actor actor, CancellationToken cancellationToken) =>
        audit.AppendAsync(type, MonitorEventTypes.Subject(row.RowKey), actor.UserId, AuditData(row), cancellationToken);

    /// <summary>The monitor's <c>monitor.created</c> event, once per monitor however many attempts of its creation record it.</summary>
    private Task AuditCreatedAsync(MonitorEntity row, Actor actor, CancellationToken cancellationToken) =>
        audit.AppendOnceAsync($"{MonitorEventTypes.Created}/{row.RowKey}/{row.WriteId}", MonitorEventTypes.Created, MonitorEventTypes.Subject(row.RowKey), actor.UserId,
            AuditData(row), cancellationToken);

    private static Dictionary<string, string> AuditData(MonitorEntity row) => new()
    {
        ["monitor"] = row.RowKey,
        ["owner"] = row.Owner,
        ["pattern"] = row.EventType,
        ["channel"] = row.Channel,
        ["enabled"] = row.Enabled ? "true" : "false",
    };

    private static OperationError NotFound(string id) => new(ErrorKind.NotFound, $"No monitor '{id}' of yours.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} created by {Owner}: {Pattern} on {Channel}")]
    private static partial void LogCreated(ILogger logger, string monitorId, string owner, string pattern, string channel);
}
