namespace DurableObjects.Shared.Domain;

/// <summary>
/// An immutable, numbered version of an object. Once stored it never changes: a rollback points the object
/// at an older version, it never rewrites one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VersionInfo(
    [property: Id(0)] string ObjectName,
    [property: Id(1)] int Number,
    [property: Id(2)] string Summary,
    [property: Id(3)] string Author,
    [property: Id(4)] int? ParentVersion,
    [property: Id(5)] string ContentHash,
    [property: Id(6)] IReadOnlyList<SourceFileRef> Files,
    [property: Id(7)] string? ApiSchema,
    [property: Id(8)] DateTimeOffset CreatedAt);
