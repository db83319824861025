namespace DurableObjects.Channels.Commands;

/// <summary><c>info|status &lt;Name&gt;</c>: an object's versions, deployment and latest run.</summary>
public sealed record ObjectInfoCommand(string Name) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Info;

    /// <inheritdoc />
    public override string Describe() => $"info {Name}";
}
