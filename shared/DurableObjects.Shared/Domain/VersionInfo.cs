namespace DurableObjects.Shared.Domain;

/// <summary>
/// An immutable, numbered version of an object. Once stored it never changes: a rollback points the object
/// at an older version, it never rewrites one.
/// </summary>
public sealed record VersionInfo(
    string ObjectName,
    int Number,
    string Summary,
    string Author,
    int? ParentVersion,
    string ContentHash,
    IReadOnlyList<SourceFileRef> Files,
    string? ApiSchema,
    DateTimeOffset CreatedAt);
