namespace DurableObjects.Shared.Audit;

/// <summary>
/// One recorded action: what happened (<see cref="Type"/>, e.g. "version.added"), to what (<see cref="Subject"/>,
/// e.g. "object/calculator"), by whom, when, and details. Events are append-only.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Actor,
    [property: Id(4)] DateTimeOffset Time,
    [property: Id(5)] IReadOnlyDictionary<string, string> Data);
