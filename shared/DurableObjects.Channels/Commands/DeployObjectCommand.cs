namespace DurableObjects.Channels.Commands;

/// <summary><c>deploy &lt;Name&gt; [to &lt;env&gt;]</c>; <see cref="Environment"/> is null for the default environment.</summary>
public sealed record DeployObjectCommand(string Name, string? Environment = null) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Deploy;

    /// <inheritdoc />
    public override string Describe() => Environment is null ? $"deploy {Name}" : $"deploy {Name} to {Environment}";
}
