using Azure;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Records the audit events of the access change a user's row carries until they are recorded
/// (<see cref="PendingAccessChange"/>, written in the same storage write as the change): user.registered for a new
/// user, user.role_changed, user.disabled or user.enabled — each once, whoever records it and however often
/// (<see cref="AuditLog.AppendOnceAsync"/>, keyed by the user and the write) — then empties the row's pending change if
/// the row is still as read.
/// </summary>
/// <remarks>
/// Who finishes a change whose request died before recording its events (storage refused them, their answer was lost,
/// the host stopped): the request's retry with the same Idempotency-Key, any later change of that user
/// (<see cref="UserAccessService"/>), the next listing of users (<see cref="UserAccountService.ListAsync"/>: the
/// Users page, <c>dobj users list</c>), and the next host start (<see cref="FinishAllAsync"/>, one read of the users).
/// The listing reads every row anyway, so finishing there costs no storage request unless a change is pending — unlike
/// a sweep on a timer, which would read the users on every tick to find, nearly always, nothing.
/// </remarks>
public sealed class PendingAccessChanges(UserStore users, AuditLog audit)
{
    /// <summary>Records <paramref name="change"/>'s events (once each), then empties <paramref name="row"/>'s pending
    /// change if the row is still as read (else whoever changed it read the change first and recorded it).</summary>
    public async Task RecordAsync(UserEntity row, PendingAccessChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(change);
        var subject = AuditEventTypes.UserSubject(row.RowKey);
        if (change.Registered)
        {
            await audit.AppendOnceAsync($"{AuditEventTypes.UserRegistered}/{row.RowKey}/{change.WriteId}", AuditEventTypes.UserRegistered, subject, change.Actor,
                new Dictionary<string, string> { ["role"] = UserStore.RoleText(change.ToRole) }, cancellationToken);
        }
        if (change.ToRole != change.FromRole)
        {
            await audit.AppendOnceAsync($"{AuditEventTypes.UserRoleChanged}/{row.RowKey}/{change.WriteId}", AuditEventTypes.UserRoleChanged, subject, change.Actor,
                new Dictionary<string, string>
                {
                    ["from"] = UserStore.RoleText(change.FromRole),
                    ["to"] = UserStore.RoleText(change.ToRole),
                }, cancellationToken);
        }
        if (change.ToDisabled != change.FromDisabled)
        {
            var type = change.ToDisabled ? AuditEventTypes.UserDisabled : AuditEventTypes.UserEnabled;
            await audit.AppendOnceAsync($"{type}/{row.RowKey}/{change.WriteId}", type, subject, change.Actor, cancellationToken: cancellationToken);
        }
        await users.TryClearPendingAccessChangeAsync(row, cancellationToken);
    }

    /// <summary>
    /// Reads every user once and finishes the pending changes among them (<see cref="FinishAsync"/>): a host's pass at
    /// start, so a change left by a request that died is recorded without waiting for someone to list the users. A
    /// failed read throws (the caller decides whether that matters); a change storage refuses to finish stays pending.
    /// </summary>
    public async Task FinishAllAsync(CancellationToken cancellationToken = default) =>
        await FinishAsync(await users.ListRowsAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Finishes the pending changes among <paramref name="rows"/> (rows just read for another purpose). Best effort:
    /// a change storage refuses to finish now stays pending for its next reader, and the rows are still answered.
    /// </summary>
    public async Task FinishAsync(IEnumerable<UserEntity> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (PendingAccessChange.Parse(row.PendingAccessChange) is not { } change)
            {
                continue;
            }
            try
            {
                await RecordAsync(row, change, cancellationToken);
            }
            catch (RequestFailedException)
            {
                // Left pending: the next listing, change or retry records it, once.
            }
        }
    }
}
