namespace DurableObjects.Cli.Api;

/// <summary>A user as <c>GET /api/users</c> lists them (admins): id, role, whether the account is disabled, when made.</summary>
public sealed record UserView(string Id, string Role, bool Disabled, DateTimeOffset CreatedAt);
