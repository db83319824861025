namespace DurableObjects.Shared.Domain;

/// <summary>A refused operation: its kind, a sentence for people, and per-field details where there are some.</summary>
public sealed record OperationError(
    ErrorKind Kind,
    string Message,
    IReadOnlyDictionary<string, string[]>? Fields = null);
