namespace DurableObjects.Channels.Commands;

/// <summary><c>help [topic]</c>.</summary>
public sealed record HelpCommand(string? Topic = null) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Help;

    /// <inheritdoc />
    public override string Describe() => Topic is null ? "help" : $"help {Topic}";
}
