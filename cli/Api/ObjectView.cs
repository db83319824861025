namespace DurableObjects.Cli.Api;

/// <summary>An object as <c>GET /api/objects/{name}</c> answers it (the fields the CLI shows or needs).</summary>
public sealed record ObjectView(
    string Name, string Description, string Status, int CurrentVersion, int LatestVersion, string Owner,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Dictionary<string, DeploymentView>? Deployments, string? LastError, bool PublicInvoke);
