namespace DurableObjects.Shared.Domain;

/// <summary>What the system knows about one durable object (not its code: see <see cref="VersionInfo"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ObjectInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] ObjectStatus Status,
    [property: Id(3)] int CurrentVersion,
    [property: Id(4)] int LatestVersion,
    [property: Id(5)] string Owner,
    [property: Id(6)] string? ApiSchema,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);
