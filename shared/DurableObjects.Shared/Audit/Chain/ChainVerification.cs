namespace DurableObjects.Shared.Audit.Chain;

/// <summary>
/// The result of walking the chain from its first record: <see cref="Intact"/> when every record's hash matches its
/// content and links to the one before; otherwise <see cref="BrokenAt"/> is the sequence number of the first record
/// that does not, and <see cref="Reason"/> says how (content changed, link broken, record missing).
/// </summary>
public sealed record ChainVerification(bool Intact, long Records, string? HeadHash, long? BrokenAt, string? BrokenKey, string? Reason);
