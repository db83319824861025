namespace DurableObjects.Channels.Commands;

/// <summary><c>list objects</c>.</summary>
public sealed record ListObjectsCommand : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.ListObjects;

    /// <inheritdoc />
    public override string Describe() => "list objects";
}
