namespace DurableObjects.Channels.Commands;

/// <summary><c>modify &lt;Name&gt; &lt;change&gt;</c>: start a modification run.</summary>
public sealed record ModifyObjectCommand(string Name, string Change) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Modify;

    /// <inheritdoc />
    public override string Describe() => $"modify {Name} {Change}";
}
