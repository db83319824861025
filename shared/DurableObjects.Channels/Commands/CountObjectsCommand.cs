namespace DurableObjects.Channels.Commands;

/// <summary><c>count objects</c>.</summary>
public sealed record CountObjectsCommand : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.CountObjects;

    /// <inheritdoc />
    public override string Describe() => "count objects";
}
