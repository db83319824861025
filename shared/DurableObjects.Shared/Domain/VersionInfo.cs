namespace DurableObjects.Shared.Domain;

/// <summary>
/// An immutable, numbered version of an object. Once stored it never changes: a rollback points the object
/// at an older version, it never rewrites one.
/// </summary>
/// <param name="WriteId">Which write stored it: the <see cref="RequestOperation.Id"/> of the request that added it, or
/// an id of its own. A writer finds its own row by it when storage applied an insert whose answer was lost.</param>
public sealed record VersionInfo(
    string ObjectName,
    int Number,
    string Summary,
    string Author,
    int? ParentVersion,
    string ContentHash,
    IReadOnlyList<SourceFileRef> Files,
    string? ApiSchema,
    DateTimeOffset CreatedAt,
    string? WriteId = null);
