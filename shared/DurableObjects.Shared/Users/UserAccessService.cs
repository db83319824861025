using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Who may act: an admin changes a user's role, or disables and enables their account. A disabled account keeps its
/// tokens, phone, Slack link, objects and monitors, and may use none of them until it is enabled again.
/// </summary>
/// <remarks>
/// Trust model: the caller (the API's admin policy) authorized the actor from what its host last read about their
/// token, which may be up to <c>DurableObjects:Auth:TokenCacheBound</c> old. This service checks the actor again
/// against their row as stored — an enabled admin — and makes the change in one transaction with that row as read, so
/// an admin demoted or disabled meanwhile (on another host, or by a concurrent request) changes no one (403, or a
/// fresh read). The user id and the change are untrusted input, validated here. Rules: admins cannot demote or disable
/// themselves (409), which with the check above means an enabled admin always remains; any refusal changes nothing.
/// A change and its audit events are two writes: the change carries its events with it on the row
/// (<see cref="PendingAccessChange"/>) until they are recorded, so a request that dies between the two (its retry with
/// the same Idempotency-Key, any later change of that user, or the next listing of users finishes it:
/// <see cref="PendingAccessChanges"/>) leaves neither a change without its event nor, retried, a second event.
/// </remarks>
public sealed class UserAccessService(UserStore users, PendingAccessChanges pending, IEnumerable<IUserAccessObserver> observers)
{
    private const int Attempts = 5;

    /// <summary>
    /// Sets <paramref name="userId"/>'s role and/or disabled flag (null keeps it) and returns the account as stored.
    /// A change that changes nothing answers the account as it is, unaudited. Malformed id or neither field: Invalid;
    /// the actor no longer an enabled admin: Forbidden; unknown user: NotFound; the actor demoting or disabling
    /// themselves: Conflict. Audited as user.role_changed (from, to), user.disabled, user.enabled.
    /// </summary>
    public async Task<Outcome<UserAccount>> ChangeAsync(Actor actor, string? userId, UserRole? role, bool? disabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!UserNames.IsValid(userId))
        {
            return OperationError.InvalidField("userId", UserNames.Rule);
        }
        if (role is null && disabled is null)
        {
            const string Give = "Nothing to change: give role (viewer, member or admin), disabled (true or false), or both.";
            return new OperationError(ErrorKind.Invalid, Give, new Dictionary<string, string[]> { ["role"] = [Give], ["disabled"] = [Give] });
        }
        if (!UserRoles.IsValid(role))
        {
            return OperationError.InvalidField("role", UserRoles.Rule);
        }
        var id = userId!.ToLowerInvariant();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var caller = await users.GetRowAsync(actor.UserId, cancellationToken);
            if (caller is null || caller.Disabled || UserStore.ToAccount(caller).Role != UserRole.Admin)
            {
                return Outcome<UserAccount>.Fail(ErrorKind.Forbidden, "Only an enabled admin can change users, and your account is no longer one.");
            }
            var row = id == actor.UserId ? caller : await users.GetRowAsync(id, cancellationToken);
            if (row is null)
            {
                return Outcome<UserAccount>.Fail(ErrorKind.NotFound, $"No user named '{id}'.");
            }
            if (PendingAccessChange.Parse(row.PendingAccessChange) is { } unrecorded)
            {
                // An earlier change of this user (this request's first attempt, typically: stored, then refused its
                // event) is in force without its events: record them before deciding anything, then read again.
                await pending.RecordAsync(row, unrecorded, cancellationToken);
                continue;
            }
            var before = UserStore.ToAccount(row);
            var after = before with { Role = role ?? before.Role, Disabled = disabled ?? before.Disabled };
            if (after.Role == before.Role && after.Disabled == before.Disabled)
            {
                return Outcome<UserAccount>.Ok(before);
            }
            if (id == actor.UserId)
            {
                // The caller is an enabled admin: any change of their own account demotes or disables them.
                return Outcome<UserAccount>.Fail(ErrorKind.Conflict, await SelfRefusalAsync(id, cancellationToken));
            }
            var change = new PendingAccessChange(Guid.NewGuid().ToString("N"), actor.UserId, before.Role, after.Role, before.Disabled, after.Disabled);
            row.Role = UserStore.RoleText(after.Role);
            row.Disabled = after.Disabled;
            row.PendingAccessChange = change.ToJson();
            var stored = false;
            try
            {
                stored = await users.TryChangeAccessAsync(row, caller, cancellationToken);
            }
            finally
            {
                // In any case: a write whose answer was lost (or refused as a resend of itself) may have been applied.
                foreach (var observer in observers)
                {
                    observer.OnAccessChanged(id, stored ? after : null);
                }
            }
            if (stored)
            {
                await pending.RecordAsync(row, change, cancellationToken);
                return Outcome<UserAccount>.Ok(after);
            }
            // The user or the caller changed meanwhile — or this very change was applied, its answer lost and the
            // storage client's resend refused: read both again and decide again (the pending change read then is
            // this one, whose events are recorded once).
        }
        return Outcome<UserAccount>.Fail(ErrorKind.Conflict, $"User '{id}' kept changing; try again.");
    }

    private async Task<string> SelfRefusalAsync(string id, CancellationToken cancellationToken)
    {
        var admins = (await users.ListAsync(cancellationToken)).Count(u => u is { Role: UserRole.Admin, Disabled: false } && u.Id != id);
        return admins == 0
            ? "You are the last enabled admin: the system would be left without one. Make another user an admin first; they can then change your account."
            : "Admins cannot demote or disable themselves: ask another admin to do it.";
    }
}
