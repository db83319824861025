using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;

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
/// </remarks>
public sealed class UserAccessService(UserStore users, AuditLog audit, IEnumerable<IUserAccessObserver> observers)
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
            return Outcome<UserAccount>.Fail(ErrorKind.Invalid, "Nothing to change: give role (viewer, member or admin), disabled (true or false), or both.");
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
            row.Role = UserStore.RoleText(after.Role);
            row.Disabled = after.Disabled;
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
                await AuditAsync(actor, before, after, cancellationToken);
                return Outcome<UserAccount>.Ok(after);
            }
            // The user or the caller changed meanwhile: read both again and decide again.
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

    private async Task AuditAsync(Actor actor, UserAccount before, UserAccount after, CancellationToken cancellationToken)
    {
        var subject = AuditEventTypes.UserSubject(after.Id);
        if (after.Role != before.Role)
        {
            await audit.AppendAsync(AuditEventTypes.UserRoleChanged, subject, actor.UserId, new Dictionary<string, string>
            {
                ["from"] = UserStore.RoleText(before.Role),
                ["to"] = UserStore.RoleText(after.Role),
            }, cancellationToken);
        }
        if (after.Disabled != before.Disabled)
        {
            await audit.AppendAsync(after.Disabled ? AuditEventTypes.UserDisabled : AuditEventTypes.UserEnabled, subject, actor.UserId,
                cancellationToken: cancellationToken);
        }
    }
}
