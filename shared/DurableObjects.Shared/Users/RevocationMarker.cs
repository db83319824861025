namespace DurableObjects.Shared.Users;

/// <summary>
/// The row a keyed revocation leaves where its token was (<see cref="TokenStore.DeleteAsync(Storage.Entities.TokenEntity, string, CancellationToken)"/>):
/// same partition, row key <see cref="Prefix"/> + the token's hash. It says the token was revoked and by which request,
/// so a retry of that request answers as the first attempt did instead of "not found". It grants nothing: a token is
/// looked up by its hash alone, which a marker's row key never equals, and it has no <c>UserId</c>, so no listing or
/// search of a user's tokens includes it.
/// </summary>
public static class RevocationMarker
{
    /// <summary>Sorts after every hash (lower-case hex), so no range of token hashes includes a marker.</summary>
    public const string Prefix = "revoked-";

    /// <summary>Whose token it was (a user id).</summary>
    public const string Owner = nameof(Owner);

    /// <summary>The token's name and when it was made, as listed while it lived.</summary>
    public const string Name = nameof(Name);

    public const string CreatedAt = nameof(CreatedAt);

    /// <summary>The <see cref="Domain.RequestOperation.Id"/> of the request that revoked it.</summary>
    public const string WriteId = nameof(WriteId);

    public const string RevokedAt = nameof(RevokedAt);

    public static string RowKeyOf(string tokenHashOrPrefix) => Prefix + tokenHashOrPrefix;

    public static string TokenHashOf(string rowKey) => rowKey[Prefix.Length..];
}
