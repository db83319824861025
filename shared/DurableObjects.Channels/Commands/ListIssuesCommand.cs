namespace DurableObjects.Channels.Commands;

/// <summary><c>issues</c>: the newest open issues of the configured GitHub repository.</summary>
public sealed record ListIssuesCommand : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.ListIssues;

    /// <inheritdoc />
    public override string Describe() => "issues";
}
