namespace DurableObjects.Cli.Api;

/// <summary>A personal API token as listed (<c>GET /api/tokens</c>): its id, name and age, never the token itself.</summary>
public sealed record TokenView(string Id, string Name, DateTimeOffset CreatedAt);
