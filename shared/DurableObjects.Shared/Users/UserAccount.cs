namespace DurableObjects.Shared.Users;

/// <summary>A person who may use the system. The id is the lower-case user name.</summary>
[GenerateSerializer, Immutable]
public sealed record UserAccount(
    [property: Id(0)] string Id,
    [property: Id(1)] UserRole Role,
    [property: Id(2)] DateTimeOffset CreatedAt);
