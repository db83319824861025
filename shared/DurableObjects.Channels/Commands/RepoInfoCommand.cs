namespace DurableObjects.Channels.Commands;

/// <summary><c>repo info</c>: the configured GitHub repository (<c>GITHUB_REPO</c>) as GitHub reports it.</summary>
public sealed record RepoInfoCommand : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.RepoInfo;

    /// <inheritdoc />
    public override string Describe() => "repo info";
}
