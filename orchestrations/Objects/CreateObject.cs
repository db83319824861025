namespace DurableObjects.Orchestrations.Objects;

/// <summary>A request to create an object with its initial code (the seed's "manual creation").</summary>
public sealed record CreateObject(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Files,
    string? Summary = null);
