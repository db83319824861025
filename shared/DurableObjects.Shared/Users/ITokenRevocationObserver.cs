namespace DurableObjects.Shared.Users;

/// <summary>
/// Told of every token this host revokes, so that what the host keeps about tokens (its authentication's cache of
/// their owners) cannot answer for a revoked one here, in or out of a storage outage. Registered by the host; the
/// shared services only call it.
/// </summary>
public interface ITokenRevocationObserver
{
    /// <summary>
    /// The delete of the row of the token with SHA-256 <paramref name="tokenHash"/> was sent. Called whether storage
    /// confirmed it or not: a delete whose answer was lost may well have been applied, so the token must be read again
    /// before it is accepted.
    /// </summary>
    void OnRevoked(string tokenHash);
}
