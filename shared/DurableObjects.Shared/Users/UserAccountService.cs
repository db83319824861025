using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Users and their API tokens: the rules of creating them (valid names, one user per name, an audit event for every
/// user and every token), for the HTTP API and any other trigger.
/// </summary>
/// <remarks>
/// Trust model: the <see cref="Actor"/> is authenticated and authorized by the caller (creating users is for admins,
/// which the API's policy checks); names and roles are untrusted input and validated here. A token is returned exactly
/// once; only its hash is stored.
/// </remarks>
public sealed class UserAccountService(UserStore users, AuditLog audit)
{
    /// <summary>The user, or NotFound when it no longer exists.</summary>
    public async Task<Outcome<UserAccount>> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await users.GetAsync(userId, cancellationToken) is { } user
            ? Outcome<UserAccount>.Ok(user)
            : Outcome<UserAccount>.Fail(ErrorKind.NotFound, "Your user no longer exists.");

    /// <summary>Every user, for admins.</summary>
    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) => users.ListAsync(cancellationToken);

    /// <summary>Another personal API token for the actor; audited with its id (never the token).</summary>
    public async Task<NewApiToken> CreateTokenAsync(Actor actor, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (token, tokenId) = await users.CreateTokenAsync(actor.UserId, name ?? "api", cancellationToken);
        await audit.AppendAsync(AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(actor.UserId), actor.UserId,
            new Dictionary<string, string> { ["tokenId"] = tokenId }, cancellationToken);
        return new NewApiToken(actor.UserId, tokenId, token);
    }

    /// <summary>A new user (name stored lower case, role Member unless given) and their first token, both audited as
    /// done by <paramref name="actor"/>. Invalid name: Invalid; the name taken: Conflict.</summary>
    public async Task<Outcome<NewUser>> CreateUserAsync(Actor actor, string? name, UserRole? role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!UserNames.IsValid(name))
        {
            return OperationError.InvalidField("name", UserNames.Rule);
        }
        var id = name!.ToLowerInvariant();
        var granted = role ?? UserRole.Member;
        if (await users.CreateAsync(id, granted, cancellationToken) is not { } user)
        {
            return Outcome<NewUser>.Fail(ErrorKind.Conflict, $"A user named '{id}' already exists.");
        }
        var (token, tokenId) = await users.CreateTokenAsync(id, "first", cancellationToken);
        await audit.AppendAsync(AuditEventTypes.UserRegistered, AuditEventTypes.UserSubject(id), actor.UserId,
            new Dictionary<string, string> { ["role"] = granted.ToString().ToLowerInvariant() }, cancellationToken);
        await audit.AppendAsync(AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(id), actor.UserId,
            new Dictionary<string, string> { ["tokenId"] = tokenId }, cancellationToken);
        return Outcome<NewUser>.Ok(new NewUser(user, new NewApiToken(id, tokenId, token)));
    }
}
