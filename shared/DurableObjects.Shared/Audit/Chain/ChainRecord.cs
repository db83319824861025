namespace DurableObjects.Shared.Audit.Chain;

/// <summary>
/// One link of the decision chain as stored: <see cref="PreviousHash"/> is the hash of the record before it (64 zeros
/// for the first), <see cref="Hash"/> the SHA-256 of this record's canonical JSON (every field but the hash itself).
/// <see cref="DetailsJson"/> holds what the decision rested on (candidate content hash, gate results, judge scores,
/// thresholds, policy), as canonical JSON.
/// </summary>
public sealed record ChainRecord(
    long Sequence,
    string Key,
    string Type,
    string Subject,
    string Actor,
    DateTimeOffset Time,
    string DetailsJson,
    string PreviousHash,
    string Hash);
