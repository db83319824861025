namespace DurableObjects.Cli.Api;

/// <summary>A token just made (<c>POST /api/tokens</c>): the only answer that ever carries <see cref="Token"/>.</summary>
public sealed record NewTokenView(string UserId, string TokenId, string Token);
