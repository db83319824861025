using System.Collections.Concurrent;
using DurableObjects.Functions.Http;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// This host's copy of whom each API token belongs to, keyed by the token's SHA-256 (the token itself is not kept), so
/// authenticating a caller seen lately costs no storage read. Trust model: the owner (or "no such token") is answered
/// as read at most <see cref="AuthOptions.TokenCacheBound"/> ago while storage answers, and at most
/// <see cref="AuthOptions.TokenOutageBound"/> ago while it does not (<see cref="RefreshingCache{TValue}"/>): a token is
/// never accepted on anything but a successful read of its row, and a revocation, a role change or a disabled account
/// stored elsewhere takes effect within the first bound once storage answers.
/// <list type="bullet">
/// <item>A revocation made on this host (<see cref="OnRevoked"/>) takes effect here at once: the entry goes with what it
/// could answer during an outage, and a read under way is not kept, so only a read sent after the delete can accept the
/// token again — and it finds no row.</item>
/// <item>A change of a user's access made on this host (<see cref="OnAccessChanged"/>: role, disabled) takes effect here
/// at once for every token of theirs: an owner read before the change was stored is not answered, but read again; when
/// that read fails, the account as this host stored it is answered (a disabled user stays refused, a demoted admin
/// stays demoted), or, when the change's outcome is unknown, nothing (503).</item>
/// </list>
/// </summary>
public sealed class ApiTokenCache : ITokenRevocationObserver, IUserAccessObserver
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly TimeSpan _outageBound;
    private readonly RefreshingCache<TokenOwner> _owners;

    // The access changes this host made, by user id: kept while an owner read before them could still be answered.
    private readonly ConcurrentDictionary<string, AccessChange> _changes = new(StringComparer.Ordinal);

    public ApiTokenCache(TokenStore tokens, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outageBound = options.Value.TokenOutageBound;
        _owners = new RefreshingCache<TokenOwner>(
            async hash =>
            {
                var sent = _clock.GetTimestamp();
                return new TokenOwner(await tokens.FindByTokenHashAsync(hash), sent);
            },
            options.Value.TokenCacheBound,
            options.Value.TokenOutageBound,
            _clock);
    }

    /// <summary>The owner as read (null: no such token), and when that read was sent (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record TokenOwner(UserAccount? User, long ReadAt);

    /// <summary>The account as this host stored it (null: the outcome of the write is unknown), and when the write ended.</summary>
    private sealed record AccessChange(UserAccount? Stored, long At);

    /// <summary>The user <paramref name="token"/> belongs to, or null for an unknown token. The caller refuses a
    /// <see cref="UserAccount.Disabled"/> one.</summary>
    public async Task<UserAccount?> FindAsync(string token)
    {
        var hash = ApiTokens.Hash(token);
        var owner = await _owners.GetAsync(hash);
        if (owner.User is { } user && _changes.TryGetValue(user.Id, out var change) && owner.ReadAt < change.At)
        {
            owner = await ReadAgainAsync(hash, change);
        }
        return owner.User;
    }

    /// <summary>Forgets the token with SHA-256 <paramref name="tokenHash"/>: its next use waits for a read of its row,
    /// and while storage fails that read, the token is not accepted (503), whatever was read before.</summary>
    public void OnRevoked(string tokenHash) => _owners.Remove(tokenHash);

    /// <summary>Owners of <paramref name="userId"/>'s tokens read before now are not answered any more: see the class.</summary>
    public void OnAccessChanged(string userId, UserAccount? stored)
    {
        var now = _clock.GetTimestamp();
        _changes[userId] = new AccessChange(stored, now);
        // An owner read before a change older than the outage bound can no longer be answered by the cache at all.
        foreach (var (id, change) in _changes)
        {
            if (_clock.GetElapsedTime(change.At, now) >= _outageBound)
            {
                _changes.TryRemove(KeyValuePair.Create(id, change));
            }
        }
    }

    // The owner was read before this host changed the user: only a read sent after the change may answer.
    private async Task<TokenOwner> ReadAgainAsync(string hash, AccessChange change)
    {
        _owners.Remove(hash);
        try
        {
            return await _owners.GetAsync(hash);
        }
        catch (Exception e) when (change.Stored is { } stored && StorageUnavailable.Matches(e, CancellationToken.None))
        {
            // Storage does not answer: what this host stored is the newest it knows, and is kept as if read when the
            // change ended, so the outage bound counts from there.
            var written = new TokenOwner(stored, change.At);
            _owners.Set(hash, written, change.At);
            return written;
        }
    }
}
