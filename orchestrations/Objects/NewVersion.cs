namespace DurableObjects.Orchestrations.Objects;

/// <summary>The content of a version to add: files (path to C# source) and a summary. The API schema is derived from the code.</summary>
[GenerateSerializer, Immutable]
public sealed record NewVersion(
    [property: Id(0)] IReadOnlyDictionary<string, string> Files,
    [property: Id(1)] string? Summary = null);
