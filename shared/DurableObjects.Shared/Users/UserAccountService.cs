using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users and their API tokens: the rules of creating them (valid names, one user per name, an audit event for every
/// user and every token) and of revoking tokens, for the HTTP API and any other trigger.
/// </summary>
/// <remarks>
/// Trust model: the <see cref="Actor"/> is authenticated and authorized by the caller (creating users and managing
/// other people's tokens is for admins, which the API's policy checks, and which is checked here again for tokens: a
/// token that is not the actor's is "not found" unless the actor is an admin). Names, roles, user ids and token ids are
/// untrusted input and validated here. A token is returned exactly once; only its hash is stored, and it is named
/// everywhere else (listings, audit) by its short id.
/// <para>
/// Its <c>token.created</c> and <c>token.revoked</c> events are recorded once per token (<see cref="AuditLog.AppendOnceAsync"/>,
/// keyed by the token's hash, which the audit log keeps only as a hash of that key): a token is made and revoked once in
/// its life, so an event whose insert storage applied with its answer lost, or a revocation recorded by two requests at
/// once, is still one event.
/// </para>
/// </remarks>
public sealed class UserAccountService(
    UserStore users, TokenStore tokens, AuditLog audit, PendingAccessChanges pendingChanges, RevocationMarkerPurge markerPurge, IEnumerable<ITokenRevocationObserver> revocationObservers)
{
    /// <summary>The longest name a token may have: a label shown in listings, never unbounded input stored as is.</summary>
    public const int MaxTokenNameLength = 100;

    /// <summary>The user, or NotFound when it no longer exists.</summary>
    public async Task<Outcome<UserAccount>> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await users.GetAsync(userId, cancellationToken) is { } user
            ? Outcome<UserAccount>.Ok(user)
            : Outcome<UserAccount>.Fail(ErrorKind.NotFound, "Your user no longer exists.");

    /// <summary>
    /// Every user, for admins. A registration or access change among them whose events were not recorded (its request
    /// died after storing it) is finished here, once (<see cref="PendingAccessChanges"/>): the rows are read anyway, so
    /// this costs nothing unless one is pending.
    /// </summary>
    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await users.ListRowsAsync(cancellationToken);
        await pendingChanges.FinishAsync(rows, cancellationToken);
        return [.. rows.Select(UserStore.ToAccount)];
    }

    /// <summary>
    /// Another personal API token for the actor; audited with its id (never the token). A retry of a keyed request
    /// whose earlier attempt's outcome is unknown (<see cref="RequestOperation.Retried"/>) first revokes the token that
    /// attempt may have stored: nobody received its value, so it could only ever be a valid token known to no one. Each
    /// attempt's token carries the operation's id, so exactly one token of the operation is left usable: the one answered.
    /// A name longer than <see cref="MaxTokenNameLength"/> or with control characters is refused (Invalid), before anything is stored.
    /// </summary>
    public async Task<Outcome<NewApiToken>> CreateTokenAsync(Actor actor, string? name, RequestOperation? operation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (name is { Length: > MaxTokenNameLength } || (name is not null && name.Any(char.IsControl)))
        {
            return OperationError.InvalidField("name", $"A token's name is a label of at most {MaxTokenNameLength} characters, e.g. laptop.");
        }
        if (operation is { Retried: true })
        {
            foreach (var earlier in await tokens.FindWrittenByAsync(actor.UserId, operation.Id, cancellationToken))
            {
                await RevokeAsync(actor, earlier, "retried", writeId: null, cancellationToken);
            }
        }
        var (token, tokenId) = await tokens.CreateAsync(actor.UserId, name ?? "api", operation?.Id, cancellationToken);
        await AuditCreatedAsync(actor, actor.UserId, token, tokenId, cancellationToken);
        return Outcome<NewApiToken>.Ok(new NewApiToken(actor.UserId, tokenId, token));
    }

    /// <summary>
    /// The tokens of <paramref name="userId"/>, oldest first: the actor's own, or anyone's for an admin. Invalid user
    /// id: Invalid; someone else's tokens for a non-admin, or an unknown user: NotFound.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ApiTokenInfo>>> ListTokensAsync(Actor actor, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var owner = await OwnerAsync(actor, userId, cancellationToken);
        if (!owner.Succeeded)
        {
            return owner.Error!;
        }
        var listed = await tokens.ListAsync(owner.Value!, cancellationToken);
        return Outcome<IReadOnlyList<ApiTokenInfo>>.Ok([.. listed.Select(ToInfo)]);
    }

    /// <summary>
    /// Revokes the token <paramref name="tokenId"/> (a short id) of <paramref name="userId"/>: its row is deleted, this
    /// host stops accepting it at once (<see cref="ITokenRevocationObserver"/>), and every other host once its cached read
    /// of the token ages out. The actor may revoke their own tokens — the one this request came with included — and an
    /// admin anyone's; audited with the token's id. Malformed ids: Invalid, nothing changed; an unknown id, or a token
    /// that is not the actor's (for a non-admin): NotFound, which does not tell whether such a token exists.
    /// </summary>
    /// <remarks>
    /// A keyed request (<paramref name="operation"/>) deletes the row together with a revocation marker naming the
    /// operation (<see cref="TokenStore.DeleteAsync(TokenEntity, string, CancellationToken)"/>). A retry of it whose
    /// earlier attempt's outcome is unknown (<see cref="RequestOperation.Retried"/>) and that finds the token gone looks
    /// for that marker: found, the token was revoked by this very operation, so the retry records its event (once: the
    /// earlier attempt may have died before it) and succeeds as the first attempt would have; not found, NotFound as for
    /// any unknown token. Only such a retry reads the markers; the normal path reads and writes what it did before, save
    /// that a keyed revocation, at most once an hour per host, also deletes the markers older than the Idempotency-Key
    /// retention (<see cref="RevocationMarkerPurge"/>).
    /// </remarks>
    public async Task<Outcome<ApiTokenInfo>> RevokeTokenAsync(
        Actor actor, string? userId, string? tokenId, RequestOperation? operation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ApiTokens.IsShortId(tokenId))
        {
            return OperationError.InvalidField("tokenId", ApiTokens.ShortIdRule);
        }
        var owner = await OwnerAsync(actor, userId, cancellationToken);
        if (!owner.Succeeded)
        {
            return owner.Error!;
        }
        var found = await tokens.FindAsync(owner.Value!, tokenId!, cancellationToken);
        if (found.Count == 0 && operation is { Retried: true } && await RevokedByAsync(actor, owner.Value!, tokenId!, operation, cancellationToken) is { } revoked)
        {
            return revoked;
        }
        if (found.Count == 0)
        {
            return Outcome<ApiTokenInfo>.Fail(ErrorKind.NotFound, owner.Value == actor.UserId
                ? $"You have no token '{tokenId}'."
                : $"User '{owner.Value}' has no token '{tokenId}'.");
        }
        // Two of one user's tokens sharing their first 48 bits is not to be expected; if it happens, the id names both.
        foreach (var token in found)
        {
            await RevokeAsync(actor, token, reason: null, operation?.Id, cancellationToken);
        }
        if (operation is not null)
        {
            // It wrote a marker: the markers past their retention go, at most hourly (RevocationMarkerPurge).
            await markerPurge.PurgeIfDueAsync(cancellationToken);
        }
        return Outcome<ApiTokenInfo>.Ok(ToInfo(found[0]));
    }

    // The tokens an earlier attempt of this operation revoked (their markers), their events recorded once; null for none.
    private async Task<Outcome<ApiTokenInfo>?> RevokedByAsync(
        Actor actor, string owner, string tokenId, RequestOperation operation, CancellationToken cancellationToken)
    {
        var revoked = await tokens.FindRevokedByAsync(owner, tokenId, operation.Id, cancellationToken);
        foreach (var token in revoked)
        {
            Revoked(token.RowKey);
            await AuditRevokedAsync(actor, owner, token.RowKey, reason: null, cancellationToken);
        }
        return revoked.Count == 0 ? null : Outcome<ApiTokenInfo>.Ok(ToInfo(revoked[0]));
    }

    // Deletes the row (with its revocation marker when a keyed request revokes it), then tells this host's token
    // caches — in any case, as the delete may have been applied though its answer was lost — and audits the revocation
    // (only once storage confirmed it).
    private async Task RevokeAsync(Actor actor, TokenEntity token, string? reason, string? writeId, CancellationToken cancellationToken)
    {
        try
        {
            await (writeId is null ? tokens.DeleteAsync(token.RowKey, cancellationToken) : tokens.DeleteAsync(token, writeId, cancellationToken));
        }
        finally
        {
            Revoked(token.RowKey);
        }
        await AuditRevokedAsync(actor, token.UserId, token.RowKey, reason, cancellationToken);
    }

    private void Revoked(string tokenHash)
    {
        foreach (var observer in revocationObservers)
        {
            observer.OnRevoked(tokenHash);
        }
    }

    // Once per token: its hash names it for good (a token is revoked once), and the audit log keeps only a hash of the key.
    private Task AuditRevokedAsync(Actor actor, string owner, string tokenHash, string? reason, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string> { ["tokenId"] = ApiTokens.ShortId(tokenHash) };
        if (reason is not null)
        {
            data["reason"] = reason;
        }
        return audit.AppendOnceAsync($"{AuditEventTypes.TokenRevoked}/{tokenHash}", AuditEventTypes.TokenRevoked, AuditEventTypes.UserSubject(owner), actor.UserId,
            data, cancellationToken);
    }

    private Task AuditCreatedAsync(Actor actor, string owner, string token, string tokenId, CancellationToken cancellationToken) =>
        audit.AppendOnceAsync($"{AuditEventTypes.TokenCreated}/{ApiTokens.Hash(token)}", AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(owner),
            actor.UserId, new Dictionary<string, string> { ["tokenId"] = tokenId }, cancellationToken);

    // Whose tokens the actor may see or revoke (the user id, lower case): their own; anyone's who exists for an admin.
    private async Task<Outcome<string>> OwnerAsync(Actor actor, string? userId, CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(userId))
        {
            return OperationError.InvalidField("userId", UserNames.Rule);
        }
        var id = userId!.ToLowerInvariant();
        if (string.Equals(id, actor.UserId, StringComparison.Ordinal) || (actor.IsAdmin && await users.GetAsync(id, cancellationToken) is not null))
        {
            return Outcome<string>.Ok(id);
        }
        return Outcome<string>.Fail(ErrorKind.NotFound, $"No user named '{id}'.");
    }

    private static ApiTokenInfo ToInfo(TokenEntity token) => new(ApiTokens.ShortId(token.RowKey), token.Name, token.CreatedAt);

    /// <summary>
    /// A new user (name stored lower case, role Member unless given) and their first token (named
    /// <paramref name="tokenName"/>), both audited as done by <paramref name="actor"/>. Invalid name: Invalid; the name
    /// taken: Conflict.
    /// </summary>
    /// <remarks>
    /// The row is stored with its registration pending on it (<see cref="PendingAccessChange.Registration"/>) and the
    /// request's write id (a keyed request's operation, else a fresh one), so user.registered is recorded exactly once:
    /// by this request, or — when it dies first — by its retry, the user's next change or the next listing of users. A
    /// retry whose earlier attempt's outcome is unknown (<see cref="RequestOperation.Retried"/>) that finds the user
    /// stored by that attempt goes on as it: it revokes the first token that attempt may have made (nobody received its
    /// value; it carries the operation's id, as in <see cref="CreateTokenAsync"/>), makes a new one and answers 201.
    /// Only such a retry, or an insert whose answer was lost, reads the row again; the normal path writes what it wrote
    /// before, the registration's event in one transaction with its once key, plus one write to empty the pending column.
    /// </remarks>
    public async Task<Outcome<NewUser>> CreateUserAsync(
        Actor actor, string? name, UserRole? role, RequestOperation? operation = null, string tokenName = "first", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!UserNames.IsValid(name))
        {
            return OperationError.InvalidField("name", UserNames.Rule);
        }
        if (!UserRoles.IsValid(role))
        {
            return OperationError.InvalidField("role", UserRoles.Rule);
        }
        var id = name!.ToLowerInvariant();
        var registration = PendingAccessChange.Registration(operation?.Id ?? Guid.NewGuid().ToString("N"), actor.UserId, role ?? UserRole.Member);
        if (await users.CreateAsync(id, registration, cancellationToken) is not { } row)
        {
            return Outcome<NewUser>.Fail(ErrorKind.Conflict, $"A user named '{id}' already exists.");
        }
        if (PendingAccessChange.Parse(row.PendingAccessChange) is { } pending)
        {
            await pendingChanges.RecordAsync(row, pending, cancellationToken);
        }
        if (operation is { Retried: true })
        {
            foreach (var earlier in await tokens.FindWrittenByAsync(id, operation.Id, cancellationToken))
            {
                await RevokeAsync(actor, earlier, "retried", writeId: null, cancellationToken);
            }
        }
        var (token, tokenId) = await tokens.CreateAsync(id, tokenName, operation?.Id, cancellationToken);
        await AuditCreatedAsync(actor, id, token, tokenId, cancellationToken);
        return Outcome<NewUser>.Ok(new NewUser(UserStore.ToAccount(row), new NewApiToken(id, tokenId, token)));
    }
}
