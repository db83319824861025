namespace DurableObjects.Shared.Users;

/// <summary>A token just created: the only time its value is known (only its hash is stored).</summary>
public sealed record NewApiToken(string UserId, string TokenId, string Token);
