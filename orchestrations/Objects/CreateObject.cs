namespace DurableObjects.Orchestrations.Objects;

/// <summary>A request to create an object with its initial code (the seed's "manual creation").</summary>
[GenerateSerializer, Immutable]
public sealed record CreateObject(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] IReadOnlyDictionary<string, string> Files,
    [property: Id(3)] string? Summary = null);
