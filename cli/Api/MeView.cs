namespace DurableObjects.Cli.Api;

/// <summary>The signed-in user (<c>GET /api/me</c>).</summary>
public sealed record MeView(string Id, string Role);
