namespace DurableObjects.Orchestrations.Commands;

/// <summary>A command's reply, and whether it changed something (only changes are audited as commands; refusals change nothing).</summary>
public sealed record CommandResult(string Text, bool Changed = false)
{
    public static implicit operator CommandResult(string text) => new(text);

    public static CommandResult Done(string text) => new(text, Changed: true);
}
