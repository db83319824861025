using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// This host's copy of whom each API token belongs to, keyed by the token's SHA-256 (the token itself is not kept), so
/// authenticating a caller seen lately costs no storage read. Trust model: the owner (or "no such token") is answered
/// as read at most <see cref="AuthOptions.TokenCacheBound"/> ago while storage answers, and at most
/// <see cref="AuthOptions.TokenOutageBound"/> ago while it does not (<see cref="RefreshingCache{TValue}"/>): a token is
/// never accepted on anything but a successful read of its row, and a revocation stored elsewhere takes effect within
/// the first bound once storage answers. A revocation made on this host (<see cref="OnRevoked"/>) takes effect here at
/// once: the entry goes with what it could answer during an outage, and a read under way is not kept, so only a read
/// sent after the delete can accept the token again — and it finds no row.
/// </summary>
public sealed class ApiTokenCache(UserStore users, IOptions<AuthOptions> options) : ITokenRevocationObserver
{
    private readonly RefreshingCache<UserAccount?> _owners = new(
        hash => users.FindByTokenHashAsync(hash),
        options.Value.TokenCacheBound,
        options.Value.TokenOutageBound,
        TimeProvider.System);

    /// <summary>The user <paramref name="token"/> belongs to, or null for an unknown token.</summary>
    public async Task<UserAccount?> FindAsync(string token) => await _owners.GetAsync(ApiTokens.Hash(token));

    /// <summary>Forgets the token with SHA-256 <paramref name="tokenHash"/>: its next use waits for a read of its row,
    /// and while storage fails that read, the token is not accepted (503), whatever was read before.</summary>
    public void OnRevoked(string tokenHash) => _owners.Remove(tokenHash);
}
