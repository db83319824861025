namespace DurableObjects.Shared.Audit;

/// <summary>
/// One recorded action: what happened (<see cref="Type"/>, e.g. "version.added"), to what (<see cref="Subject"/>,
/// e.g. "object/calculator"), by whom, when, and details. Events are append-only.
/// </summary>
public sealed record AuditEvent(
    string Id,
    string Type,
    string Subject,
    string Actor,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, string> Data);
