namespace DurableObjects.Cli.Api;

/// <summary>A user just made (<c>POST /api/users</c>) with their first token: the only answer that ever carries it.</summary>
public sealed record NewUserView(UserView User, NewTokenView Token);
