namespace DurableObjects.Shared.Users;

/// <summary>How long the marker of a keyed token revocation is kept (<see cref="RevocationMarker"/>).</summary>
public sealed class RevocationMarkerOptions
{
    /// <summary>
    /// The host sets it to its Idempotency-Key retention (<c>Idempotency:Retention</c>, 24 h): a retry of the revoking
    /// request is answered from the marker only while its key is replayed; after that the same key is a new request,
    /// which never looks for the marker. Default 24 h.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
