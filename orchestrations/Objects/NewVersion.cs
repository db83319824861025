namespace DurableObjects.Orchestrations.Objects;

/// <summary>The content of a version to add: files (path to C# source), a summary and an optional API schema.</summary>
[GenerateSerializer, Immutable]
public sealed record NewVersion(
    [property: Id(0)] IReadOnlyDictionary<string, string> Files,
    [property: Id(1)] string? Summary = null,
    [property: Id(2)] string? ApiSchema = null);
