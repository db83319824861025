namespace DurableObjects.Shared.Domain;

/// <summary>One file of an object version as stored: its path, the SHA-256 of its content and its size.</summary>
[GenerateSerializer, Immutable]
public sealed record SourceFileRef(
    [property: Id(0)] string Path,
    [property: Id(1)] string Sha256,
    [property: Id(2)] long Size);
