namespace DurableObjects.Shared.Domain;

/// <summary>A refused operation: its kind, a sentence for people, and per-field details where there are some.</summary>
[GenerateSerializer, Immutable]
public sealed record OperationError(
    [property: Id(0)] ErrorKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Fields = null);
