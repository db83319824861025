namespace DurableObjects.Channels.Commands;

/// <summary><c>create &lt;Name&gt; &lt;description&gt;</c>: create an object from a description.</summary>
public sealed record CreateObjectCommand(string Name, string Description) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Create;

    /// <inheritdoc />
    public override string Describe() => $"create {Name} {Description}";
}
