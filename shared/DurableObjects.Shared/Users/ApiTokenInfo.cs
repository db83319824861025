namespace DurableObjects.Shared.Users;

/// <summary>A token as its owner may see it again after it was made: never its value nor its hash.</summary>
/// <param name="Id">The short id (<see cref="ApiTokens.ShortId"/>), as shown when the token was made.</param>
/// <param name="Name">The label its owner gave it.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record ApiTokenInfo(string Id, string Name, DateTimeOffset CreatedAt);
