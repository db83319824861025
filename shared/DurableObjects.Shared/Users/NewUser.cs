namespace DurableObjects.Shared.Users;

/// <summary>A user just created, with their first token.</summary>
public sealed record NewUser(UserAccount User, NewApiToken Token);
